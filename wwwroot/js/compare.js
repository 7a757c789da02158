// Compare runs: tick runs from GET /api/runs and their test-accuracy curves (GET /api/runs/{id}/history) are
// overlaid in one chart, one colour per run, with a legend of run id and hyperparameters; a run scored on the
// labelled drawings adds its drawings accuracy as a dashed line in its colour. The live charts are separate; this
// one only changes when a box is ticked or the list refreshed.

import { getRunHistory, getRuns } from './api.js';
import { createChart } from './chart.js';
import { drawingsScored } from './dashboard.js';
import { formatPercent } from './format.js';

// Colour-blind-safe, distinct on white (Okabe-Ito, then Tableau).
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#8c564b', '#7f7f7f', '#bcbd22'];

/** "784-64-10 sigmoid, momentum lr 0.1 momentum 0.9, batch 10, 30 epochs" from a run's TrainingOptionsDto (momentum only where the optimizer uses it). */
export function summarise(run) {
  const o = run.options ?? {};
  const layers = o.hidden ? `784-${o.hidden.join('-')}-10` : run.preset;
  const optimizer = [o.optimizer, o.learningRate !== undefined ? `lr ${o.learningRate}` : '',
    o.optimizer === 'momentum' && o.momentum ? `momentum ${o.momentum}` : ''].filter(Boolean).join(' ');
  return [[layers, o.activation].filter(Boolean).join(' '), optimizer, o.batchSize ? `batch ${o.batchSize}` : '',
    `${run.epochs} epochs`, o.drawings?.copies > 0 ? `your drawings ×${o.drawings.copies}` : ''].filter(Boolean).join(', ');
}

export function createComparison({ list, figure, canvas, legend, readout, error }) {
  let runs = [];
  const chosen = new Map(); // run id -> { run, colour, history }
  const series = [];
  const chart = createChart(canvas, {
    series, yLabel: 'test accuracy (%)', clampMin: 0, clampMax: 100, readout,
    describe: p => (p ? `epoch ${p.epoch}: ${[...chosen.keys()].filter(id => p[id] !== undefined)
      .map(id => `run ${id} ${formatPercent(p[id], 2)}${Number.isFinite(p[`${id}:drawings`]) ? ` (drawings ${formatPercent(p[`${id}:drawings`], 2)})` : ''}`).join(' · ')}`
      : 'Tick runs to compare their test accuracy.'),
  });

  function redraw() {
    // One point per epoch holding every chosen run's accuracy there (absent where a run has none).
    const byEpoch = new Map();
    for (const [id, entry] of chosen) {
      for (const e of entry.history) {
        if (!byEpoch.has(e.epoch)) byEpoch.set(e.epoch, { epoch: e.epoch });
        byEpoch.get(e.epoch)[id] = e.testAccuracy;
        if (Number.isFinite(e.drawingsAccuracy)) byEpoch.get(e.epoch)[`${id}:drawings`] = e.drawingsAccuracy;
      }
    }
    series.splice(0, series.length, ...[...chosen].flatMap(([id, entry]) => [
      { label: `run ${id}`, colour: entry.colour, value: p => (p[id] ?? NaN) * 100 },
      ...(entry.history.some(e => Number.isFinite(e.drawingsAccuracy))
        ? [{ label: `run ${id} drawings`, colour: entry.colour, dash: [3, 3], value: p => (p[`${id}:drawings`] ?? NaN) * 100 }] : []),
    ]));
    const points = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
    figure.hidden = chosen.size === 0; // collapsed until runs are ticked
    chart.setData(points, Math.max(0, ...[...chosen.values()].map(e => e.run.epochs)));
    legend.replaceChildren(...[...chosen].map(([id, { run, colour, history }]) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.setProperty('--c', colour);
      const best = Number.isFinite(run.bestAccuracy) ? `, best ${formatPercent(run.bestAccuracy, 2)}` : '';
      const last = history.findLast(e => Number.isFinite(e.drawingsAccuracy));
      const drawings = last ? `; drawings accuracy (dashed) ${formatPercent(last.drawingsAccuracy, 2)} at epoch ${last.epoch}, on ${drawingsScored(run.options)}` : '';
      item.append(swatch, `Run ${id}: ${summarise(run)}${best}${drawings}`);
      return item;
    }));
  }

  async function choose(run, on) {
    error.textContent = '';
    if (!on) {
      chosen.delete(run.id);
      redraw();
      return;
    }
    const used = new Set([...chosen.values()].map(e => e.colour));
    const colour = chosen.get(run.id)?.colour ?? PALETTE.find(c => !used.has(c)) ?? PALETTE[chosen.size % PALETTE.length];
    const box = () => list.querySelector(`input[value="${run.id}"]`);
    try {
      const history = await getRunHistory(run.id);
      // Unticked while the history was on its way: leave it out.
      if (box()?.checked === false) return;
      chosen.set(run.id, { run, colour, history });
    } catch (failure) {
      error.textContent = `Run ${run.id}: ${failure.message}`;
      if (box()) box().checked = false;
    }
    redraw();
  }

  async function refresh() {
    try {
      runs = await getRuns();
    } catch (failure) {
      error.textContent = `Runs: ${failure.message}`;
      return;
    }
    list.replaceChildren(...runs.map(run => {
      const label = document.createElement('label');
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: String(run.id), checked: chosen.has(run.id) });
      box.addEventListener('change', () => choose(run, box.checked));
      label.append(box, ` Run ${run.id} · ${run.preset} · ${run.state}`);
      label.title = summarise(run);
      return label;
    }));
    // Histories of chosen runs still going are read again, so their curves grow with the list.
    await Promise.all([...chosen.keys()].map(id => runs.find(r => r.id === id))
      .filter(Boolean).map(run => choose(run, true)));
    for (const id of chosen.keys()) if (!runs.some(r => r.id === id)) chosen.delete(id);
    redraw();
  }

  return { refresh };
}
