// Run control: the start form (each ValidationProblem message beside its field) and the pause,
// resume and stop buttons, enabled by the run's state. Answers go through `onRunState`.

import { controlTraining, startTraining } from './api.js';

const ACTIVE = new Set(['running', 'paused']);
const NUMBER_FIELDS = ['learningRate', 'momentum', 'batchSize', 'l2', 'epochs', 'seed'];
const TEXT_FIELDS = ['preset', 'activation', 'cost', 'optimizer', 'backend', 'schedule'];
const AUGMENTATION_FIELDS = ['rotation', 'scale', 'shear', 'shift', 'elastic', 'thickness', 'pen'];

/** 'LearningRate', '$.learningRate', 'hidden[0]' -> 'learningrate' / 'hidden'; 'augmentation.rotation' -> 'aug-rotation'. */
function normaliseField(name) {
  const path = name.replace(/^\$\.?/, '').toLowerCase();
  const augmentation = /^augmentation\.(\w+)/.exec(path);
  return augmentation ? `aug-${augmentation[1]}` : path.split(/[[.]/)[0];
}

export function createControls({ onRunState }) {
  const $ = id => document.getElementById(id);
  const form = $('start-form');
  const buttons = { pause: $('pause-button'), resume: $('resume-button'), stop: $('stop-button'), start: $('start-button') };
  const controlError = $('control-error');
  const startError = $('start-error');
  let state = 'idle';
  let busy = false;

  function enable() {
    buttons.pause.disabled = busy || state !== 'running';
    buttons.resume.disabled = busy || state !== 'paused';
    buttons.stop.disabled = busy || !ACTIVE.has(state);
    buttons.start.disabled = busy || ACTIVE.has(state);
    buttons.start.title = ACTIVE.has(state) ? 'Stop the current run first.' : '';
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

  /** Only filled fields go out; the server fills the rest from the preset. */
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
      const value = Number(raw);
      if (data[name].validity.badInput || !Number.isFinite(value)) errors[name] = ['Enter a number.'];
      else request[name] = value;
    }
    for (const name of AUGMENTATION_FIELDS) {
      const field = data[`aug-${name}`];
      const raw = field.value.trim();
      if (raw === '') continue;
      const value = Number(raw);
      if (field.validity.badInput || !Number.isFinite(value)) errors[`aug-${name}`] = ['Enter a number.'];
      else (request.augmentation ??= {})[name] = value;
    }
    const hidden = data.hidden.value.trim();
    if (hidden !== '') {
      const parts = hidden.split(/[\s,]+/).filter(Boolean);
      if (parts.every(p => /^\d+$/.test(p))) request.hidden = parts.map(Number);
      else errors.hidden = ['Give whole numbers separated by commas, for example 128, 64.'];
    }
    return { request, errors };
  }

  async function run(action, call) {
    busy = true;
    enable();
    try {
      const dto = await call();
      if (dto) onRunState(dto);
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

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearFieldErrors();
    controlError.textContent = '';
    const { request, errors } = readForm();
    if (Object.keys(errors).length) {
      showFieldErrors(errors);
      startError.textContent = 'Please correct the fields marked above.';
      return;
    }
    await run('start', () => startTraining(request));
  });
  for (const action of ['pause', 'resume', 'stop']) {
    buttons[action].addEventListener('click', () => {
      controlError.textContent = '';
      run(action, () => controlTraining(action));
    });
  }
  enable();

  return {
    setState(next) {
      state = next;
      enable();
    },
  };
}
