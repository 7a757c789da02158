// Wires the page: creates each part and connects hub events, buttons and forms to them.

import { getAdminKey, setAdminKey } from './api.js';
import { createChart } from './chart.js';
import { createClassifier } from './classify.js';
import { createComparison } from './compare.js';
import { createControls } from './controls.js';
import { createDashboard } from './dashboard.js';
import { createGallery } from './gallery.js';
import { createHeatmaps } from './heatmap.js';
import { createHub } from './hub.js';
import { createInsight } from './insight.js';
import { createModelPanel } from './model.js';
import { createReplay } from './replay.js';
import { createRunPicker } from './runs.js';
import { createRunActions } from './run-actions.js';
import { createStatus } from './status.js';
import { onScaleOf } from './weights.js';
import { setText } from './dom.js';

const $ = id => document.getElementById(id);
const colour = name => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

const status = createStatus();
let dashboard = null;
let charts = null;
// Zoom is shared: a drag on either curve shows those epochs on both; Reset zoom (or a double-click) shows all.
const onZoom = view => {
  charts.accuracy.setView(view);
  charts.loss.setView(view);
  $('zoom-reset').disabled = view === null;
};

charts = {
  accuracy: createChart($('accuracy-chart'), {
    series: [
      { label: 'test accuracy', colour: colour('--accuracy'), value: e => e.testAccuracy * 100 },
      // The same epoch's model on the labelled drawings (null before any: no line).
      { label: 'drawings accuracy', colour: colour('--drawings'), dash: [3, 3], value: e => (e.drawingsAccuracy ?? NaN) * 100 },
    ],
    yLabel: 'accuracy (%)', clampMin: 0, clampMax: 100, readout: $('accuracy-readout'), onZoom,
    describe: p => dashboard?.describeAccuracy(p) ?? '',
  }),
  loss: createChart($('loss-chart'), {
    series: [
      { label: 'train loss', colour: colour('--train-loss'), value: e => e.trainLoss },
      { label: 'test loss', colour: colour('--test-loss'), dash: [6, 4], value: e => e.testLoss },
    ],
    yLabel: 'loss', clampMin: 0, readout: $('loss-readout'), onZoom,
    describe: p => dashboard?.describeLoss(p) ?? '',
  }),
};

const layers = createHeatmaps($('layers'), { zoom: $('neuron-zoom'), caption: $('neuron-caption'), values: $('neuron-values') });
const heatmaps = {
  // One colour scale for the run (its newest epoch's, as the run's GIF), unless the box asks for each epoch's own.
  show(epoch, weights, newest = null) {
    layers.render($('run-scale').checked ? onScaleOf(weights, newest) : weights);
    charts.accuracy.setMarker(epoch);
    charts.loss.setMarker(epoch);
    setText($('weights-epoch'), epoch === null ? '' : `after epoch ${epoch}`);
  },
};

const replay = createReplay({
  slider: $('replay-slider'), label: $('replay-label'), play: $('replay-play'), pause: $('replay-pause'),
  back: $('replay-back'), forward: $('replay-forward'), live: $('replay-live'), speed: $('replay-speed'), note: $('replay-note'),
}, {
  onShow: (epoch, weights, newest) => heatmaps.show(epoch, weights, newest),
  onBackToLive: () => { $('run-select').value = ''; dashboard.pick(null); },
});

$('run-scale').addEventListener('change', () => replay.redraw());

let runStatePushes = 0;
const controls = createControls({ onRunState: dto => dashboard.onRunState(dto), runStatePushes: () => runStatePushes });
const runs = createRunPicker($('run-select'), $('runs-refresh'),
  run => dashboard.pick(run).catch(error => { $('replay-note').textContent = `Run ${run?.id}: ${error.message}`; }),
  text => { $('replay-note').textContent = text; });

const comparison = createComparison({
  list: $('compare-runs'), figure: $('compare-figure'), canvas: $('compare-chart'), legend: $('compare-legend'), readout: $('compare-readout'), error: $('compare-error'),
});
$('compare-refresh').addEventListener('click', () => comparison.refresh());
// The run list and the comparison's boxes refresh together (the dashboard does on every run state change).
const runLists = { refresh: () => Promise.all([runs.refresh(), comparison.refresh()]) };

const gallery = createGallery();
const classifier = createClassifier({ onLabelled: () => gallery.refresh() });

const actions = createRunActions({ viewed: () => dashboard.viewed, model: classifier.model, onZoom });
dashboard = createDashboard({
  status, controls, charts, replay, runs: runLists, heatmaps, model: classifier.model,
  invite: actions.invite, onView: actions.viewChanged,
});

const hub = createHub({
  onRunState: dto => {
    runStatePushes++;
    dashboard.onRunState(dto);
  },
  onHistory: dto => dashboard.onHistory(dto),
  onEpoch: dto => { dashboard.onEpoch(dto); gallery.modelChanged(); },
  onProgress: dto => dashboard.onProgress(dto),
  onDrawingsChanged: () => gallery.refresh(),
  onConnection: (state, detail) => {
    status.renderConnection(state, detail);
    // (Re)connected: changes told while away were missed.
    if (state === 'connected') gallery.refresh();
  },
});

$('admin-key').value = getAdminKey();
$('admin-form').addEventListener('submit', event => {
  event.preventDefault();
  setAdminKey($('admin-key').value.trim());
  hub.reconnect();
});

createModelPanel({ onImported: summary => { classifier.model.setImported(summary); gallery.modelChanged(); } });
createInsight($('insight'));
$('insight').addEventListener('ablation', event => classifier.setOff(event.detail));
gallery.refresh();
hub.connect();
