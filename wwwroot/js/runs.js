// The run picker: GET /api/runs (newest first) as options; the empty value follows the live run.

import { getRuns } from './api.js';
import { formatPercent } from './format.js';

export function createRunPicker(select, refreshButton, onPick, onError) {
  let runs = [];

  function label(run) {
    const started = run.startedAt ? new Date(run.startedAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '';
    const best = Number.isFinite(run.bestAccuracy) ? ` · best ${formatPercent(run.bestAccuracy, 2)}` : '';
    return `Run ${run.id} · ${run.preset} · ${run.state} · ${run.epoch}/${run.epochs} epochs${best}${started ? ` · ${started}` : ''}`;
  }

  async function refresh() {
    try {
      runs = await getRuns();
    } catch (error) {
      onError(`Runs: ${error.message}`);
      return;
    }
    const chosen = select.value;
    const live = select.options[0];
    select.replaceChildren(live, ...runs.map(run => {
      const option = document.createElement('option');
      option.value = String(run.id);
      option.textContent = label(run);
      return option;
    }));
    select.value = runs.some(r => String(r.id) === chosen) ? chosen : '';
  }

  select.addEventListener('change', () => {
    const run = runs.find(r => String(r.id) === select.value) ?? null;
    onPick(run);
  });
  refreshButton.addEventListener('click', () => refresh());

  return { refresh };
}
