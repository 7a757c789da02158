// The replay timeline over the epochs of the selected run: a slider with play (from the start again when at the
// end), pause, steps and a speed (1x: an epoch every 350 ms, 4x, 16x); "Back to live" returns to the live run.
// Weights per (run, epoch) are fetched once and kept; live epochs arrive with their weights and go
// straight into the same cache. At the newest epoch of the live run the timeline follows training.

import { getRunWeights } from './api.js';
import { decodeWeights } from './weights.js';
import { setText } from './dom.js';

const CACHE_LIMIT = 240;
const PLAY_STEP_MS = 350; // at 1x

/**
 * @param {{slider:HTMLInputElement, label:HTMLElement, play:HTMLButtonElement, pause:HTMLButtonElement,
 *          back:HTMLButtonElement, forward:HTMLButtonElement, live:HTMLButtonElement, speed:HTMLSelectElement, note:HTMLElement}} ui
 * @param {{onShow:(epoch:number, weights:object, newest:object)=>void, onBackToLive:()=>void}} handlers (newest: the run's
 *        newest epoch's weights, for one colour scale over the run; onBackToLive: a past run is shown)
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
    setText(ui.label, empty ? 'no epochs yet' : `epoch ${value} of ${lastEpoch}`);
    ui.slider.setAttribute('aria-valuetext', empty ? 'no epochs yet' : `epoch ${value} of ${lastEpoch}`);
    ui.back.disabled = empty || value <= 0;
    ui.forward.disabled = empty || value >= lastEpoch;
    ui.play.disabled = empty || playing || lastEpoch === 0;
    setText(ui.play.querySelector('.play-text'), !empty && value >= lastEpoch ? 'Play from the start' : 'Play');
    ui.pause.disabled = !playing;
  }

  async function show(epoch) {
    const mine = ++ticket;
    place(epoch);
    refresh();
    if (runId === null) return;
    try {
      const weights = await load(runId, epoch);
      const newest = epoch === lastEpoch ? weights : await load(runId, lastEpoch);
      if (mine !== ticket) return;
      setText(ui.note, '');
      handlers.onShow(epoch, weights, newest);
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
    if (Number(ui.slider.value) >= lastEpoch) await show(0);
    refresh();
    while (playing && Number(ui.slider.value) < lastEpoch) {
      await new Promise(resolve => { setTimeout(resolve, PLAY_STEP_MS / Number(ui.speed.value)); });
      if (playing) await show(Number(ui.slider.value) + 1);
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
    if (!isLive) {
      handlers.onBackToLive();
      return;
    }
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
        setText(ui.note, '');
        refresh();
        handlers.onShow(epoch, weights, weights);
      } else {
        refresh();
      }
    },
    /** Draws the shown epoch again (the colour scale choice changed). */
    redraw() {
      if (lastEpoch >= 0) show(Number(ui.slider.value));
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
