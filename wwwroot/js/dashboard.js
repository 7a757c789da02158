// The dashboard's view state: the live run (from the hub) and the run being looked at (live or a
// past one from the picker). Curves, replay and heatmaps follow the one being looked at.

import { getRunHistory } from './api.js';
import { decodeWeights } from './weights.js';
import { formatNumber, formatPercent } from './format.js';

const upsert = (list, epoch) => {
  const at = list.findIndex(e => e.epoch >= epoch.epoch);
  if (at < 0) list.push(epoch);
  else if (list[at].epoch === epoch.epoch) list[at] = epoch;
  else list.splice(at, 0, epoch);
};
const stripWeights = ({ weights, ...rest }) => rest;

/** @param {{status, controls, charts: {accuracy, loss}, replay, runs, heatmaps}} parts */
export function createDashboard(parts) {
  const $ = id => document.getElementById(id);
  const live = { runId: null, state: 'idle', planned: 0, history: [] };
  let past = null; // { runId, planned, history } while a past run is picked
  let lastState = null;

  const viewed = () => past ?? live;
  const newest = history => history.at(-1)?.epoch ?? -1;

  function renderCurves() {
    const view = viewed();
    parts.charts.accuracy.setData(view.history, view.planned);
    parts.charts.loss.setData(view.history, view.planned);
    $('curves-run').textContent = view.runId === null ? '' : `run ${view.runId}${past ? '' : ' (live)'}`;
  }

  function follow() {
    parts.replay.setRun(live.runId, newest(live.history), true);
  }

  return {
    onRunState(dto) {
      const runChanged = dto.runId !== live.runId;
      if (runChanged) live.history = [];
      live.runId = dto.runId;
      live.state = dto.state;
      live.planned = dto.epochs ?? 0;
      parts.status.renderState(dto);
      parts.controls.setState(dto.state);
      if (runChanged || dto.state !== lastState) parts.runs.refresh();
      lastState = dto.state;
      if (!past) {
        renderCurves();
        if (runChanged) follow();
      }
    },
    onHistory(dto) {
      live.runId = dto.runId;
      live.history = [...(dto.epochs ?? [])].map(stripWeights).sort((a, b) => a.epoch - b.epoch);
      parts.status.renderEpoch(live.history.at(-1));
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
      parts.status.renderEpoch(dto);
      const weights = decodeWeights(dto.weights);
      parts.replay.remember(dto.runId, dto.epoch, weights);
      if (!past) {
        renderCurves();
        parts.replay.liveEpoch(dto.runId, dto.epoch, weights);
      }
    },
    onProgress(dto) {
      if (dto.runId === live.runId) parts.status.renderProgress(dto);
    },
    /** The picker chose a run; null (or the live run while it trains) follows live. */
    async pick(run) {
      if (!run || (run.id === live.runId && (live.state === 'running' || live.state === 'paused'))) {
        past = null;
        renderCurves();
        follow();
        return;
      }
      const history = await getRunHistory(run.id);
      past = { runId: run.id, planned: run.epochs, history: history.map(stripWeights).sort((a, b) => a.epoch - b.epoch) };
      renderCurves();
      parts.replay.setRun(run.id, newest(past.history), false);
    },
    /** Text for a chart readout: the hovered epoch, else the newest. */
    describeAccuracy: p => (p ? `epoch ${p.epoch}: test accuracy ${formatPercent(p.testAccuracy)}` : 'no epochs yet'),
    describeLoss: p => (p
      ? `epoch ${p.epoch}: train loss ${formatNumber(p.trainLoss, 4)}${Number.isFinite(p.testLoss) ? `, test loss ${formatNumber(p.testLoss, 4)}` : ''}`
      : 'no epochs yet'),
  };
}
