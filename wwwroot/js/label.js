// Labelling on the drawing panel: after an answer, "Right, it's a 3" or "No, it's a [0-9]" keeps the drawing
// (POST /api/drawings?label=N with the PNG and query the panel classified with) among "Your drawings", the set every
// epoch is scored on and a run can train on. The server's refusal (413, 422, 400) is shown as it says it.

import { labelDrawing } from './api.js';

/** @param {{onLabelled: (drawing: object) => void}} handlers */
export function createLabelling({ onLabelled }) {
  const $ = id => document.getElementById(id);
  const panel = $('label-panel');
  const choice = $('label-choice');
  const right = $('label-right');
  const digit = $('label-digit');
  const save = $('label-save');
  const result = $('label-result');
  const error = $('label-error');
  let offered = null; // { png, preprocess, run, digit } of the answer shown
  let busy = false;

  function enable() {
    right.disabled = busy || !offered;
    save.disabled = busy || !offered || digit.value === '';
    save.textContent = digit.value === '' ? 'Save' : `Save as ${digit.value}`;
  }

  async function keep(label) {
    if (!offered) return;
    busy = true;
    enable();
    error.textContent = '';
    result.textContent = '';
    const { png, preprocess, run } = offered;
    try {
      const stored = await labelDrawing(png, label, preprocess, { run });
      offered = null; // kept once: the next answer offers the next drawing
      choice.hidden = true;
      const read = stored.answer === null || stored.answer === undefined ? '' : stored.answer === label
        ? ' The network read it right.' : ` The network read ${stored.answer}.`;
      result.textContent = `Kept as a ${label}.${read} It is drawing ${stored.id} in “Your drawings”.`;
      onLabelled(stored);
    } catch (failure) {
      error.textContent = `Not kept: ${failure.message}`;
    } finally {
      busy = false;
      enable();
    }
  }

  right.addEventListener('click', () => keep(offered?.digit));
  save.addEventListener('click', () => { if (digit.value !== '') keep(Number(digit.value)); });
  digit.addEventListener('change', enable);
  enable();

  return {
    /** An answer is shown for this drawing: offer to keep it. answer: { png, preprocess, run, digit }. */
    offer(answer) {
      offered = answer;
      panel.hidden = false;
      choice.hidden = false;
      right.textContent = `Right, it's a ${answer.digit}`;
      digit.value = '';
      result.textContent = '';
      error.textContent = '';
      enable();
    },
    /** The pad changed or was cleared: the answer no longer belongs to what is drawn. */
    withdraw() {
      offered = null;
      panel.hidden = true;
      result.textContent = '';
      error.textContent = '';
      enable();
    },
  };
}
