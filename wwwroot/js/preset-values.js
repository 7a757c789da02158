// The start form's empty fields show the chosen preset's values (GET /api/presets): a number field's placeholder
// becomes the value, a list's first option "preset: relu". An empty field takes exactly that value on the server.

import { getPresets } from './api.js';

const NUMBERS = ['learningRate', 'momentum', 'batchSize', 'l2', 'epochs', 'seed'];
const LISTS = ['activation', 'cost', 'optimizer', 'schedule', 'backend'];
/** The start body's augmentation fields, as Core's AugmentationOptions names them; the form's inputs are aug-<name>. */
export const AUGMENTATION_FIELDS = ['rotation', 'scale', 'shear', 'shift', 'elastic', 'thickness', 'pen'];
/** The start body's drawings fields (Core's DrawingsTraining, the CLI's --drawings-copies/--drawings-held-out); inputs drawings-<name>. */
export const DRAWINGS_FIELDS = ['copies', 'heldOut'];

function fill(form, options) {
  const data = form.elements;
  data.hidden.placeholder = options.hidden.join(', ');
  for (const name of NUMBERS) data[name].placeholder = String(options[name]);
  for (const name of LISTS) data[name].options[0].textContent = `preset: ${options[name] || 'auto'}`;
  for (const name of AUGMENTATION_FIELDS) data[`aug-${name}`].placeholder = String(options.augmentation?.[name] ?? 0);
  const drawings = { copies: 0, heldOut: 0.5, ...options.drawings };
  for (const name of DRAWINGS_FIELDS) data[`drawings-${name}`].placeholder = String(drawings[name]);
}

/** Keeps the placeholders in step with the preset list; the form works as before when the presets cannot be read. */
export async function showPresetValues(form) {
  let presets;
  try {
    presets = await getPresets();
  } catch {
    return;
  }
  const preset = form.elements.preset;
  const show = () => { if (presets[preset.value]) fill(form, presets[preset.value]); };
  preset.addEventListener('change', show);
  show();
}
