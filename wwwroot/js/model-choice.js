// Which model answers the drawing panel: the current one (the default) or a finished run's final model
// (run=ID on /api/insight/explain), from GET /api/runs; refreshed whenever the list is opened. Also names
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
    const chosen = select.value;
    const current = select.options[0];
    select.replaceChildren(current, ...runs.filter(r => FINISHED.has(r.state) && r.epoch > 0).map(run => {
      const option = document.createElement('option');
      option.value = String(run.id);
      const best = Number.isFinite(run.bestAccuracy) ? ` · best ${formatPercent(run.bestAccuracy, 2)}` : '';
      option.textContent = `Run ${run.id} · ${run.preset} · ${run.state} · ${run.epoch} epochs${best}`;
      return option;
    }));
    select.value = [...select.options].some(o => o.value === chosen) ? chosen : '';
  }

  select.addEventListener('focus', refresh);
  select.addEventListener('pointerdown', refresh);
  refresh();

  return {
    /** The run id to ask with, or '' for the current model. */
    run: () => select.value,
    show(model) { note.textContent = describeModel(model); },
  };
}
