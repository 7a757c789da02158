// The replay timeline over the epochs of the selected run: a slider with play, pause and steps.
// Weights per (run, epoch) are fetched once and kept; live epochs arrive with their weights and go
// straight into the same cache. At the newest epoch of the live run the timeline follows training.

import { getRunWeights } from './api.js';
import { decodeWeights } from './weights.js';

const CACHE_LIMIT = 240;
const PLAY_STEP_MS = 350;

/**
 * @param {{slider:HTMLInputElement, label:HTMLElement, play:HTMLButtonElement, pause:HTMLButtonElement,
 *          back:HTMLButtonElement, forward:HTMLButtonElement, live:HTMLButtonElement, note:HTMLElement}} ui
 * @param {{onShow:(epoch:number, weights:object)=>void}} handlers
 */
export function createReplay(ui, handlers) {
  const cache = new Map();
  let runId = null;
  let isLive = false;
  let lastEpoch = -1;
  let following = true;
  let playing = false;
  let ticket = 0;

  const key = (run, epoch) => `${run}:${epoch}`;

  function remember(run, epoch, weights) {
    const k = key(run, epoch);
    cache.delete(k);
    cache.set(k, weights);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value);
  }

  async function load(run, epoch) {
    const k = key(run, epoch);
    if (cache.has(k)) return cache.get(k);
    const weights = decodeWeights(await getRunWeights(run, epoch));
    remember(run, epoch, weights);
    return weights;
  }

  /** Sets the slider; its max first, since a range input clamps the value to the old max. */
  function place(epoch) {
    ui.slider.max = String(Math.max(0, lastEpoch));
    ui.slider.value = String(epoch);
  }

  function refresh() {
    ui.slider.max = String(Math.max(0, lastEpoch));
    const value = Number(ui.slider.value);
    const empty = lastEpoch < 0;
    ui.slider.disabled = empty;
    ui.label.textContent = empty ? 'no epochs yet' : `epoch ${value} of ${lastEpoch}`;
    ui.slider.setAttribute('aria-valuetext', empty ? 'no epochs yet' : `epoch ${value} of ${lastEpoch}`);
    ui.back.disabled = empty || value <= 0;
    ui.forward.disabled = empty || value >= lastEpoch;
    ui.play.disabled = empty || playing || value >= lastEpoch;
    ui.pause.disabled = !playing;
    ui.live.disabled = !isLive || (following && value === lastEpoch);
    ui.live.setAttribute('aria-pressed', String(isLive && following));
  }

  async function show(epoch) {
    const mine = ++ticket;
    place(epoch);
    refresh();
    if (runId === null) return;
    try {
      const weights = await load(runId, epoch);
      if (mine !== ticket) return;
      ui.note.textContent = '';
      handlers.onShow(epoch, weights);
    } catch (error) {
      if (mine !== ticket) return;
      ui.note.textContent = error.status === 404
        ? `No stored weights for epoch ${epoch} of run ${runId}.`
        : `Weights of epoch ${epoch}: ${error.message}`;
    }
  }

  function stopPlaying() {
    playing = false;
    refresh();
  }

  async function play() {
    playing = true;
    following = false;
    refresh();
    while (playing && Number(ui.slider.value) < lastEpoch) {
      await show(Number(ui.slider.value) + 1);
      await new Promise(resolve => { setTimeout(resolve, PLAY_STEP_MS); });
    }
    following = isLive && Number(ui.slider.value) === lastEpoch;
    stopPlaying();
  }

  function step(delta) {
    stopPlaying();
    const target = Math.max(0, Math.min(lastEpoch, Number(ui.slider.value) + delta));
    following = isLive && target === lastEpoch;
    show(target);
  }

  ui.slider.addEventListener('input', () => {
    stopPlaying();
    following = isLive && Number(ui.slider.value) === lastEpoch;
    show(Number(ui.slider.value));
  });
  ui.play.addEventListener('click', () => play());
  ui.pause.addEventListener('click', () => stopPlaying());
  ui.back.addEventListener('click', () => step(-1));
  ui.forward.addEventListener('click', () => step(1));
  ui.live.addEventListener('click', () => {
    stopPlaying();
    following = true;
    show(lastEpoch);
  });
  refresh();

  return {
    remember,
    /** Switches to a run whose newest epoch is `newest` (-1: none yet); `live` when it is training now. */
    setRun(id, newest, live) {
      const changed = id !== runId;
      runId = id;
      isLive = live;
      lastEpoch = newest;
      if (changed) {
        stopPlaying();
        following = true;
      }
      if (newest >= 0 && (changed || following)) show(newest); else refresh();
    },
    /** A live epoch arrived with its weights. */
    liveEpoch(id, epoch, weights) {
      remember(id, epoch, weights);
      if (id !== runId || !isLive) return;
      lastEpoch = Math.max(lastEpoch, epoch);
      if (following && !playing) {
        ticket++;
        place(epoch);
        ui.note.textContent = '';
        refresh();
        handlers.onShow(epoch, weights);
      } else {
        refresh();
      }
    },
    setLive(live) {
      isLive = live;
      refresh();
    },
    get epoch() {
      return lastEpoch < 0 ? null : Number(ui.slider.value);
    },
  };
}
