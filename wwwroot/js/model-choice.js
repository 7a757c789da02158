// Which model answers the drawing panel: the current one (the default) or a finished run's final model
// (run=ID on /api/insight/explain), from GET /api/runs; refreshed when the page opens and whenever the list gets focus. Also names
// the model that did answer, from the answer's `model`.

import { getRuns } from './api.js';
import { formatPercent } from './format.js';

const FINISHED = new Set(['completed', 'stopped', 'diverged', 'failed']);

export function describeModel(model) {
  if (!model) return '';
  const accuracy = Number.isFinite(model.testAccuracy) ? `, test accuracy ${formatPercent(model.testAccuracy, 2)}` : '';
  if (model.source === 'import') return 'Answered by the imported model.';
  const which = model.source === 'run' ? `run ${model.runId}'s final model` : `the current model (run ${model.runId}`;
  const epoch = model.epoch != null ? `epoch ${model.epoch}` : '';
  return model.source === 'run'
    ? `Answered by ${which} (${epoch}${accuracy}).`
    : `Answered by ${which}${epoch ? `, ${epoch}` : ''}${accuracy}).`;
}

/** select: the model list (first option: the current model); note: where the answering model is named. */
export function createModelChoice(select, note) {
  async function refresh() {
    let runs;
    try {
      runs = await getRuns();
    } catch {
      return; // the list keeps what it had; a classify error will say more
    }
    const finished = runs.filter(r => FINISHED.has(r.state) && r.epoch > 0).map(run => {
      const best = Number.isFinite(run.bestAccuracy) ? ` · best ${formatPercent(run.bestAccuracy, 2)}` : '';
      return { value: String(run.id), label: `Run ${run.id} · ${run.preset} · ${run.state} · ${run.epoch} epochs${best}` };
    });
    // Options are replaced only when the list changed, so an open list is not rebuilt under the pointer.
    const shown = [...select.options].slice(1).map(o => `${o.value}|${o.textContent}`).join('\n');
    if (shown === finished.map(f => `${f.value}|${f.label}`).join('\n')) return;
    const chosen = select.value;
    select.replaceChildren(select.options[0], ...finished.map(({ value, label }) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      return option;
    }));
    select.value = finished.some(f => f.value === chosen) ? chosen : '';
  }

  select.addEventListener('focus', refresh);
  refresh();

  return {
    /** The run id to ask with, or '' for the current model. */
    run: () => select.value,
    show(model) { note.textContent = describeModel(model); },
  };
}
