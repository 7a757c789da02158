// What a person does with the run being looked at: download its epochs as CSV, make its final model answer the
// drawing panel ("Use this model"), reset the curves' zoom; and the drawing panel's invitation once a run completes.

import { epochsCsv } from './dashboard.js';
import { formatPercent } from './format.js';

/** @param {{viewed: () => {runId, finished, history}, model: object, onZoom: (view:null) => void}} parts */
export function createRunActions({ viewed, model, onZoom }) {
  const $ = id => document.getElementById(id);
  const csv = $('csv-export');
  const use = $('use-model');
  const useNote = $('use-model-note');
  let shownRun = null;

  csv.addEventListener('click', () => {
    const { runId, history } = viewed();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([epochsCsv(history)], { type: 'text/csv' }));
    link.download = `webnet-run-${runId}-epochs.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  });

  $('zoom-reset').addEventListener('click', () => onZoom(null));

  use.addEventListener('click', async () => {
    const { runId } = viewed();
    use.disabled = true;
    const used = await model.use(runId);
    useNote.textContent = used
      ? `The drawing pad now answers with run ${runId}'s final model. ${model.description}`
      : `Run ${runId} has no stored model to answer with.`;
    use.disabled = false;
    if (used) $('draw').scrollIntoView({ block: 'start' });
  });

  return {
    /** The run looked at changed or grew. */
    viewChanged() {
      const { runId, finished, history } = viewed();
      if (runId !== shownRun) {
        shownRun = runId;
        onZoom(null); // another run's epochs: a zoom into the last one's would show nothing
        useNote.textContent = '';
      }
      csv.disabled = history.length === 0;
      use.disabled = !finished || runId === null || !history.some(e => e.epoch > 0);
    },
    /** run: { runId, epoch, testAccuracy } when the live run has just completed, else null. */
    invite(run) {
      const note = $('draw-invite');
      note.hidden = !run;
      note.textContent = run
        ? `Run ${run.runId} finished: ${formatPercent(run.testAccuracy)} of the test digits right after ${run.epoch} epochs. Draw a digit on the pad and press “What did I draw?”.`
        : '';
    },
  };
}
