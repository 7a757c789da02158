// Wires the page: creates each part and connects hub events, buttons and forms to them.

import { getAdminKey, setAdminKey } from './api.js';
import { createChart } from './chart.js';
import { createClassifier } from './classify.js';
import { createComparison } from './compare.js';
import { createControls } from './controls.js';
import { createDashboard } from './dashboard.js';
import { createHeatmaps } from './heatmap.js';
import { createHub } from './hub.js';
import { createInsight } from './insight.js';
import { createModelPanel } from './model.js';
import { createReplay } from './replay.js';
import { createRunPicker } from './runs.js';
import { createStatus } from './status.js';

const $ = id => document.getElementById(id);
const colour = name => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

const status = createStatus();
let dashboard = null;

const charts = {
  accuracy: createChart($('accuracy-chart'), {
    series: [{ label: 'test accuracy', colour: colour('--accuracy'), value: e => e.testAccuracy * 100 }],
    yLabel: 'accuracy (%)', clampMin: 0, clampMax: 100, readout: $('accuracy-readout'),
    describe: p => dashboard?.describeAccuracy(p) ?? '',
  }),
  loss: createChart($('loss-chart'), {
    series: [
      { label: 'train loss', colour: colour('--train-loss'), value: e => e.trainLoss },
      { label: 'test loss', colour: colour('--test-loss'), value: e => e.testLoss },
    ],
    yLabel: 'loss', clampMin: 0, readout: $('loss-readout'),
    describe: p => dashboard?.describeLoss(p) ?? '',
  }),
};

const layers = createHeatmaps($('layers'), { zoom: $('neuron-zoom'), caption: $('neuron-caption'), values: $('neuron-values') });
const heatmaps = {
  show(epoch, weights) {
    layers.render(weights);
    charts.accuracy.setMarker(epoch);
    charts.loss.setMarker(epoch);
    $('weights-epoch').textContent = epoch === null ? '' : `after epoch ${epoch}`;
  },
};

const replay = createReplay({
  slider: $('replay-slider'), label: $('replay-label'), play: $('replay-play'), pause: $('replay-pause'),
  back: $('replay-back'), forward: $('replay-forward'), live: $('replay-live'), note: $('replay-note'),
}, { onShow: (epoch, weights) => heatmaps.show(epoch, weights) });

const controls = createControls({ onRunState: dto => dashboard.onRunState(dto) });
const runs = createRunPicker($('run-select'), $('runs-refresh'),
  run => dashboard.pick(run).catch(error => { $('replay-note').textContent = `Run ${run?.id}: ${error.message}`; }),
  text => { $('replay-note').textContent = text; });

const comparison = createComparison({
  list: $('compare-runs'), canvas: $('compare-chart'), legend: $('compare-legend'), readout: $('compare-readout'), error: $('compare-error'),
});
$('compare-refresh').addEventListener('click', () => comparison.refresh());
// The run list and the comparison's boxes refresh together (the dashboard does on every run state change).
const runLists = { refresh: () => Promise.all([runs.refresh(), comparison.refresh()]) };

dashboard = createDashboard({ status, controls, charts, replay, runs: runLists, heatmaps });

const hub = createHub({
  onRunState: dto => dashboard.onRunState(dto),
  onHistory: dto => dashboard.onHistory(dto),
  onEpoch: dto => dashboard.onEpoch(dto),
  onProgress: dto => dashboard.onProgress(dto),
  onConnection: (state, detail) => status.renderConnection(state, detail),
});

$('admin-key').value = getAdminKey();
$('admin-form').addEventListener('submit', event => {
  event.preventDefault();
  setAdminKey($('admin-key').value.trim());
  hub.reconnect();
});

const classifier = createClassifier();
createModelPanel();
createInsight($('insight'));
$('insight').addEventListener('ablation', event => classifier.setOff(event.detail));
hub.connect();
