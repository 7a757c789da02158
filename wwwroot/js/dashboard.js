// The dashboard's view state: the live run (from the hub) and the run being looked at (live or a
// past one from the picker). Curves, replay and heatmaps follow the one being looked at; the drawing
// panel hears which network the live run has made current, and is invited to when a run completes.

import { getRunHistory } from './api.js';
import { decodeWeights } from './weights.js';
import { formatNumber, formatPercent } from './format.js';
import { setText } from './dom.js';

const upsert = (list, epoch) => {
  const at = list.findIndex(e => e.epoch >= epoch.epoch);
  if (at < 0) list.push(epoch);
  else if (list[at].epoch === epoch.epoch) list[at] = epoch;
  else list.splice(at, 0, epoch);
};
const stripWeights = ({ weights, ...rest }) => rest;
const ACTIVE = new Set(['running', 'paused']);

// At most ten drawings of a live run a second: a seed epoch takes 50 ms on two cores, and drawing each one took a
// fifth of a core from the training beside it on the same laptop; ten a second still moves smoothly.
const MIN_DRAW_MS = 100;

const hasDrawings = history => history.some(e => Number.isFinite(e.drawingsAccuracy));

/**
 * A run's epochs as CSV, the CLI's --csv columns and test loss: accuracy a fraction, epoch 0 the untrained network;
 * drawings_accuracy too when the run was scored on labelled drawings, as the CLI adds it with --drawings.
 */
export function epochsCsv(history) {
  const cell = v => (Number.isFinite(v) ? String(v) : '');
  const drawings = hasDrawings(history);
  return [`epoch,test_accuracy,train_loss,test_loss,seconds${drawings ? ',drawings_accuracy' : ''}`,
    ...history.map(e => [e.epoch, cell(e.testAccuracy), cell(e.trainLoss), cell(e.testLoss), cell(e.seconds),
      ...(drawings ? [cell(e.drawingsAccuracy)] : [])].join(','))].join('\n') + '\n';
}

/** Which drawings a run's curve scores: only the held-out part when it trains on the rest, else every labelled drawing. */
export function drawingsScored(options) {
  const drawings = options?.drawings;
  return drawings?.copies > 0
    ? `the held-out ${formatPercent(drawings.heldOut, 0)} of your drawings only; the rest are trained on`
    : 'all your drawings';
}

/** @param {{status, controls, charts: {accuracy, loss}, replay, runs, heatmaps, model, invite: (run:object|null)=>void, onView: ()=>void}} parts */
export function createDashboard(parts) {
  const $ = id => document.getElementById(id);
  const live = { runId: null, state: 'idle', planned: 0, history: [], options: null };
  let past = null; // { runId, planned, history, options } while a past run is picked
  let lastState = null;
  let lastMessage = null;

  const viewed = () => past ?? live;
  const newest = history => history.at(-1)?.epoch ?? -1;

  function renderCurves() {
    const view = viewed();
    parts.charts.accuracy.setData(view.history, view.planned);
    parts.charts.loss.setData(view.history, view.planned);
    const isLive = !past && ACTIVE.has(live.state);
    setText($('curves-run'), view.runId === null ? '' : `run ${view.runId}${isLive ? ' (live)' : past ? '' : ` (${live.state})`}`);
    // The drawings line's key, with which drawings it scores, only where the run has the figure.
    $('drawings-key').hidden = !hasDrawings(view.history);
    setText($('drawings-key-text'), `drawings accuracy (%, dashed): ${drawingsScored(view.options)}`);
    parts.onView();
  }

  // The newest epoch and progress pushed since the last draw: both are drawn in one frame, at most ten a second.
  let pendingEpoch = null;
  let pendingProgress = null;
  let frameQueued = false;

  let nextDrawAt = 0;
  function queueDraw() {
    if (frameQueued) return;
    frameQueued = true;
    const wait = nextDrawAt - performance.now();
    if (wait > 0) setTimeout(() => requestAnimationFrame(drawPending), wait);
    else requestAnimationFrame(drawPending);
  }

  function drawPending() {
    nextDrawAt = performance.now() + MIN_DRAW_MS;
    frameQueued = false;
    const dto = pendingEpoch;
    const progress = pendingProgress;
    pendingEpoch = null;
    pendingProgress = null;
    if (dto && dto.runId === live.runId) drawEpoch(dto);
    // Progress within an epoch the drawn one already completed is stale.
    if (progress && progress.runId === live.runId && progress.epoch > (dto?.epoch ?? -1)) parts.status.renderProgress(progress);
  }

  function drawEpoch(dto) {
    tellModel();
    parts.status.renderEpoch(dto);
    const weights = decodeWeights(dto.weights);
    parts.replay.remember(dto.runId, dto.epoch, weights);
    if (!past) {
      renderCurves();
      parts.replay.liveEpoch(dto.runId, dto.epoch, weights);
    }
  }

  function tellModel() {
    const newestEpoch = live.history.at(-1);
    parts.model.setCurrent({
      runId: live.runId, state: live.state, epochs: live.planned,
      epoch: newestEpoch?.epoch, testAccuracy: newestEpoch?.testAccuracy,
    });
  }

  function invite() {
    const newestEpoch = live.history.at(-1);
    parts.invite(live.state === 'completed' && newestEpoch ? { runId: live.runId, epoch: newestEpoch.epoch, testAccuracy: newestEpoch.testAccuracy } : null);
  }

  function follow() {
    parts.replay.setRun(live.runId, newest(live.history), true);
  }

  return {
    onRunState(dto) {
      const runChanged = dto.runId !== live.runId;
      if (!runChanged && dto.state === lastState && (dto.epochs ?? 0) === live.planned && ACTIVE.has(dto.state)) {
        // The push after each epoch of a run going on: only its epoch count is new, and the status line, curves,
        // heatmaps and the model's sentence follow the epoch itself, at most ten times a second (onEpoch). Drawing
        // the count here as well made the page lay itself out and paint on every epoch of a fast run.
        if ((dto.message ?? null) !== lastMessage) parts.status.renderState(dto);
        lastMessage = dto.message ?? null;
        return;
      }

      if (runChanged) live.history = [];
      live.runId = dto.runId;
      live.state = dto.state;
      live.planned = dto.epochs ?? 0;
      live.options = dto.options ?? null;
      parts.status.renderState(dto);
      parts.controls.setState(dto.state, dto.runId);
      if (runChanged || dto.state !== lastState) parts.runs.refresh();
      lastState = dto.state;
      lastMessage = dto.message ?? null;
      tellModel();
      invite();
      if (!past) {
        renderCurves();
        if (runChanged) follow();
      }
    },
    onHistory(dto) {
      live.runId = dto.runId;
      live.history = [...(dto.epochs ?? [])].map(stripWeights).sort((a, b) => a.epoch - b.epoch);
      parts.status.renderEpoch(live.history.at(-1));
      tellModel();
      invite();
      if (dto.weights) {
        const weights = decodeWeights(dto.weights);
        if (live.history.length) parts.replay.remember(dto.runId, newest(live.history), weights);
        else if (!past) parts.heatmaps.show(null, weights);
      }
      if (!past) {
        renderCurves();
        follow();
      }
    },
    onEpoch(dto) {
      if (dto.runId !== live.runId) {
        live.runId = dto.runId;
        live.history = [];
      }
      upsert(live.history, stripWeights(dto));
      // A fast run pushes epochs quicker than a busy page draws them: each push is only noted here, and the
      // curves, status and heatmaps are drawn once per frame for the newest, so the page never falls behind.
      pendingEpoch = dto;
      queueDraw();
    },
    onProgress(dto) {
      if (dto.runId !== live.runId) return;
      pendingProgress = dto;
      queueDraw();
    },
    /** The picker chose a run; null (or the live run while it trains) follows live. */
    async pick(run) {
      if (!run || (run.id === live.runId && ACTIVE.has(live.state))) {
        past = null;
        renderCurves();
        follow();
        return;
      }
      const history = await getRunHistory(run.id);
      past = { runId: run.id, planned: run.epochs, options: run.options ?? null, history: history.map(stripWeights).sort((a, b) => a.epoch - b.epoch) };
      renderCurves();
      parts.replay.setRun(run.id, newest(past.history), false);
    },
    /** The run being looked at: { runId, finished, history }. */
    get viewed() {
      const view = viewed();
      return { runId: view.runId, finished: past ? true : !ACTIVE.has(live.state) && live.state !== 'idle', history: view.history };
    },
    /** Text for a chart readout: the hovered epoch, else the newest. */
    describeAccuracy: p => (p
      ? `epoch ${p.epoch}: test accuracy ${formatPercent(p.testAccuracy)}${Number.isFinite(p.drawingsAccuracy)
        ? `, drawings accuracy ${formatPercent(p.drawingsAccuracy)} (${drawingsScored(viewed().options)})` : ''}`
      : 'no epochs yet'),
    describeLoss: p => (p
      ? `epoch ${p.epoch}: train loss ${formatNumber(p.trainLoss, 4)}${Number.isFinite(p.testLoss) ? `, test loss ${formatNumber(p.testLoss, 4)}` : ''}`
      : 'no epochs yet'),
  };
}
