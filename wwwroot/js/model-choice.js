// Which model answers the drawing panel: the current one (the default) or a finished run's final model
// (run=ID on /api/insight/explain), from GET /api/runs; refreshed when the page opens and whenever the list gets focus.
// Before any drawing it names the model that will answer (run, epoch, test accuracy) and warns when that network is
// untrained, weak or diverged; after an answer it names the model that did answer, from the answer's `model`.

import { getRunHistory, getRuns } from './api.js';
import { formatPercent } from './format.js';

const FINISHED = new Set(['completed', 'stopped', 'diverged', 'failed']);
// Below this test accuracy a network's answers are mostly wrong (chance is 10 %).
const WEAK_ACCURACY = 0.5;

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

/** Why a network's answers should not be trusted, or '' when they can be. */
export function warningFor({ state, epoch, testAccuracy, runId }) {
  if (state === 'diverged') {
    return `Run ${runId} diverged: its network gives wrong answers. Choose a run that trained well under “Model that answers”.`;
  }
  if (epoch === 0) return 'This network is untrained (epoch 0): its answers are guesses.';
  if (Number.isFinite(testAccuracy) && testAccuracy < WEAK_ACCURACY) {
    return `This network gets only ${formatPercent(testAccuracy, 1)} of the test digits right: expect wrong answers.`;
  }
  return '';
}

/**
 * select: the model list (first option: the current model); note: where the answering model is named after an answer;
 * name, warning: which model will answer and why not to trust it.
 */
export function createModelChoice(select, note, { name, warning }) {
  let runs = [];
  let current = null; // { runId, state, epoch, epochs, testAccuracy } of the live run
  let imported = null; // ModelSummaryDto after an import from this page
  const finalAccuracy = new Map(); // run id -> its last epoch's test accuracy
  let asked = 0;

  function say(text, facts) {
    name.textContent = text;
    const why = facts ? warningFor(facts) : '';
    warning.textContent = why;
    warning.hidden = !why;
  }

  async function describe() {
    const mine = ++asked;
    const id = select.value;
    if (id === '') {
      if (imported) {
        const accuracy = Number.isFinite(imported.testAccuracy) ? ` (test accuracy ${formatPercent(imported.testAccuracy, 2)})` : '';
        say(`Answers come from the imported model${accuracy}.`, { epoch: imported.epochs, testAccuracy: imported.testAccuracy });
      } else if (!current || current.runId === null || current.runId === undefined) {
        say('No model yet: start a run under “Start a new run”.', null);
      } else {
        const accuracy = Number.isFinite(current.testAccuracy) ? `, test accuracy ${formatPercent(current.testAccuracy, 2)}` : '';
        const training = current.state === 'running' ? ' It changes with every epoch while the run trains.' : '';
        const epoch = Number.isFinite(current.epoch) ? `, epoch ${current.epoch} of ${current.epochs}` : '';
        say(`Answers come from the current model: run ${current.runId}${epoch}${accuracy}.${training}`, current);
      }
      return;
    }
    const run = runs.find(r => String(r.id) === id);
    if (!finalAccuracy.has(id)) {
      try {
        finalAccuracy.set(id, (await getRunHistory(id)).reduce((a, b) => (b.epoch > a.epoch ? b : a)).testAccuracy);
      } catch {
        finalAccuracy.set(id, NaN);
      }
      if (mine !== asked) return;
    }
    const accuracy = finalAccuracy.get(id);
    const shown = Number.isFinite(accuracy) ? `, test accuracy ${formatPercent(accuracy, 2)}` : '';
    say(`Answers come from run ${id}'s final model (${run ? `${run.state}, epoch ${run.epoch}` : 'finished'}${shown}).`,
      { runId: id, state: run?.state, epoch: run?.epoch, testAccuracy: accuracy });
  }

  async function refresh() {
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
    if (select.value !== chosen) describe();
  }

  select.addEventListener('focus', refresh);
  select.addEventListener('change', () => { note.textContent = ''; describe(); });
  refresh().then(describe);

  return {
    /** The run id to ask with, or '' for the current model. */
    run: () => select.value,
    show(model) {
      note.textContent = describeModel(model);
      if (model) {
        const state = model.source === 'run' ? runs.find(r => r.id === model.runId)?.state
          : model.source === 'training' && current?.runId === model.runId ? current.state : undefined;
        warning.textContent = warningFor({ ...model, state });
        warning.hidden = !warning.textContent;
      }
    },
    /** The live run's state and newest epoch, for "the current model". */
    setCurrent(facts) {
      if (facts.runId !== current?.runId) imported = null;
      current = facts;
      if (select.value === '') describe();
    },
    /** PUT /api/model succeeded: the current model is the imported one until the next run publishes. */
    setImported(summary) {
      imported = summary;
      select.value = '';
      describe();
    },
    /** "Use this model": a finished run's final model answers from now on; resolves to false when the run has none. */
    async use(runId) {
      await refresh();
      const id = String(runId);
      if (![...select.options].some(o => o.value === id)) return false;
      select.value = id;
      note.textContent = '';
      await describe();
      return true;
    },
    /** The sentence that names the model that will answer. */
    get description() { return name.textContent; },
  };
}
