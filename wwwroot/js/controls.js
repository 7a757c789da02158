// Run control: the start form (every bad field's message beside it at once, the page's checks and then the
// server's ValidationProblem), the preset's values in its empty fields, "Stop and start new" with a confirmation
// while a run is active, and the pause, resume and stop buttons, enabled by the run's state. Answers go through
// `onRunState`.

import { controlTraining, startTraining } from './api.js';
import { AUGMENTATION_FIELDS, DRAWINGS_FIELDS, showPresetValues } from './preset-values.js';

const ACTIVE = new Set(['running', 'paused']);
const NUMBER_FIELDS = ['learningRate', 'momentum', 'batchSize', 'l2', 'epochs', 'seed'];
const TEXT_FIELDS = ['preset', 'activation', 'cost', 'optimizer', 'backend', 'schedule'];

/**
 * 'LearningRate', '$.learningRate', 'hidden[0]' -> 'learningrate' / 'hidden'; 'augmentation.rotation' -> 'aug-rotation';
 * 'drawings.heldOut' -> 'drawings-heldout' (the form's names, lower-cased).
 */
function normaliseField(name) {
  const path = name.replace(/^\$\.?/, '').toLowerCase();
  const augmentation = /^augmentation\.(\w+)/.exec(path);
  if (augmentation) return `aug-${augmentation[1]}`;
  const drawings = /^drawings\.(\w+)/.exec(path);
  return drawings ? `drawings-${drawings[1]}` : path.split(/[[.]/)[0];
}

/**
 * @param {{onRunState:(dto:object)=>void, runStatePushes:()=>number}} options runStatePushes: how many run states the
 * hub has delivered so far.
 */
export function createControls({ onRunState, runStatePushes }) {
  const $ = id => document.getElementById(id);
  const form = $('start-form');
  const buttons = { pause: $('pause-button'), resume: $('resume-button'), stop: $('stop-button'), start: $('start-button') };
  const controlError = $('control-error');
  const startError = $('start-error');
  const blocked = $('start-blocked');
  const stopStart = $('stop-start-button');
  const confirm = $('stop-start-confirm');
  let state = 'idle';
  let runId = null;
  let busy = false;

  function enable() {
    buttons.pause.disabled = busy || state !== 'running';
    buttons.resume.disabled = busy || state !== 'paused';
    buttons.stop.disabled = busy || !ACTIVE.has(state);
    const active = ACTIVE.has(state);
    buttons.start.disabled = busy || active;
    stopStart.hidden = !active;
    stopStart.disabled = busy;
    if (!active) confirm.hidden = true;
    blocked.hidden = !active;
    blocked.textContent = active
      ? `Start is off while run ${runId} is ${state}: one run trains at a time. Stop it above, or press “Stop and start new”.`
      : '';
  }

  function clearFieldErrors() {
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    startError.textContent = '';
  }

  function showFieldErrors(errors) {
    const fields = new Map([...form.elements].filter(e => e.name).map(e => [e.name.toLowerCase(), e]));
    const unplaced = [];
    for (const [name, messages] of Object.entries(errors)) {
      const field = fields.get(normaliseField(name));
      const text = [messages].flat().join(' ');
      if (field) {
        field.setAttribute('aria-invalid', 'true');
        const slot = document.getElementById(`e-${field.name}`);
        slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
      } else {
        unplaced.push(`${name}: ${text}`);
      }
    }
    return unplaced;
  }

  /** What is wrong with a number field by its min, max and step, or null. */
  function numberError(field) {
    const value = Number(field.value.trim());
    if (field.validity.badInput || !Number.isFinite(value)) return 'Enter a number.';
    if (field.validity.rangeUnderflow) return `Enter ${field.min} or more.`;
    if (field.validity.rangeOverflow) return `Enter ${field.max} or less.`;
    if (field.validity.stepMismatch) return 'Enter a whole number.';
    return null;
  }

  /** Only filled fields go out; the server fills the rest from the preset. Every bad field is named, not the first. */
  function readForm() {
    const data = form.elements;
    const request = {};
    const errors = {};
    for (const name of TEXT_FIELDS) {
      if (data[name].value) request[name] = data[name].value;
    }
    for (const name of NUMBER_FIELDS) {
      const raw = data[name].value.trim();
      if (raw === '') continue;
      const problem = numberError(data[name]);
      if (problem) errors[name] = [problem];
      else request[name] = Number(raw);
    }
    for (const name of AUGMENTATION_FIELDS) {
      const field = data[`aug-${name}`];
      const raw = field.value.trim();
      if (raw === '') continue;
      const problem = numberError(field);
      if (problem) errors[`aug-${name}`] = [problem];
      else (request.augmentation ??= {})[name] = Number(raw);
    }
    for (const name of DRAWINGS_FIELDS) {
      const field = data[`drawings-${name}`];
      const raw = field.value.trim();
      if (raw === '') continue;
      const problem = numberError(field);
      if (problem) errors[`drawings-${name}`] = [problem];
      else (request.drawings ??= {})[name] = Number(raw);
    }
    const hidden = data.hidden.value.trim();
    if (hidden !== '') {
      const parts = hidden.split(/[\s,]+/).filter(Boolean);
      if (parts.length > 0 && parts.every(p => /^\d+$/.test(p) && Number(p) > 0)) request.hidden = parts.map(Number);
      else errors.hidden = ['Give whole numbers separated by commas, for example 128, 64.'];
    }
    return { request, errors };
  }

  async function run(action, call) {
    busy = true;
    enable();
    try {
      // A command's answer is the run's state just after it. The hub pushes that same change as well, and may already
      // have pushed a later one (a one-epoch run completes before the answer to its start arrives): the answer is
      // drawn only when no push came meanwhile, so it never takes the page back to an older state.
      const pushes = runStatePushes();
      const dto = await call();
      if (dto && runStatePushes() === pushes) onRunState(dto);
      return true;
    } catch (error) {
      if (action === 'start' && error.status === 400) {
        const unplaced = showFieldErrors(error.fieldErrors);
        startError.textContent = unplaced.length ? unplaced.join(' ') : 'Please correct the fields marked above.';
      } else if (action === 'start') {
        startError.textContent = error.message;
      } else {
        controlError.textContent = error.message;
      }
      return false;
    } finally {
      busy = false;
      enable();
    }
  }

  /** The form's request when every field is fine; otherwise each bad field is marked and null comes back. */
  function checkedRequest() {
    clearFieldErrors();
    controlError.textContent = '';
    const { request, errors } = readForm();
    const count = Object.keys(errors).length;
    if (count === 0) return request;
    showFieldErrors(errors);
    startError.textContent = `Please correct the ${count === 1 ? 'field' : `${count} fields`} marked above.`;
    form.querySelector('[aria-invalid="true"]')?.focus();
    return null;
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const request = checkedRequest();
    if (request) await run('start', () => startTraining(request));
  });
  stopStart.addEventListener('click', () => {
    if (!checkedRequest()) return;
    $('stop-start-question').textContent = `Stop run ${runId} (${state}) and start a new run with these settings? Run ${runId} keeps what it has learnt so far.`;
    confirm.hidden = false;
    $('stop-start-no').focus();
  });
  $('stop-start-no').addEventListener('click', () => {
    confirm.hidden = true;
    stopStart.focus();
  });
  $('stop-start-yes').addEventListener('click', async () => {
    const request = checkedRequest();
    confirm.hidden = true;
    if (!request) return;
    if (await run('stop', () => controlTraining('stop'))) await run('start', () => startTraining(request));
  });
  showPresetValues(form);
  for (const action of ['pause', 'resume', 'stop']) {
    buttons[action].addEventListener('click', () => {
      controlError.textContent = '';
      run(action, () => controlTraining(action));
    });
  }
  enable();

  return {
    setState(next, id) {
      state = next;
      runId = id ?? null;
      enable();
    },
  };
}
