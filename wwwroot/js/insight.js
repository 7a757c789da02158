// Insight panel: which hidden neurons matter (ranking and the heatmap grid, click to switch neurons off and
// see test accuracy at once), the confusion matrix with each cell's misclassified test images, and the
// heatmaps as files. Talks to /api/insight and /api/runs/{id}/heatmaps.gif.

import { ApiError, getAdminKey } from './api.js';

const ZOOM = 4; // HeatmapRenderer's defaults for GET /api/insight/heatmap.png
const GAP = 2;

async function call(method, url, json) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const key = getAdminKey();
  if (key) headers['X-Admin-Key'] = key;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  } catch (error) {
    throw new ApiError(0, { title: `The server cannot be reached (${error.message}).` });
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

const percent = x => `${(x * 100).toFixed(2)}%`;
// An accuracy drop (a fraction) in points, said without a double negative: "0.70 pt" lost, "gains 0.30 pt".
const lost = x => (x >= 0 ? `${(x * 100).toFixed(2)} pt` : `gains ${Math.abs(x * 100).toFixed(2)} pt`);
const lostAgainst = x => (x >= 0 ? `${(x * 100).toFixed(2)} pt lost` : `${Math.abs(x * 100).toFixed(2)} pt gained`);

function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** A 28x28 grey test image (base64 bytes, ink = byte / 255) as a small canvas, ink dark on light. */
function digitCanvas(image) {
  const bytes = Uint8Array.from(atob(image.pixels), c => c.charCodeAt(0));
  const canvas = element('canvas', { width: image.width, height: image.height, className: 'insight-digit' });
  const context = canvas.getContext('2d');
  const data = context.createImageData(image.width, image.height);
  bytes.forEach((v, i) => {
    data.data.set([255 - v, 255 - v, 255 - v, 255], i * 4);
  });
  context.putImageData(data, 0, 0);
  return canvas;
}

export function createInsight(root) {
  const $ = name => root.querySelector(`[data-insight="${name}"]`);
  const state = { importance: null, off: new Set(), stamp: 0 };

  function geometry() {
    const count = state.importance.neurons.length;
    const columns = Math.ceil(Math.sqrt(count));
    const side = 28 * ZOOM;
    return { count, columns, rows: Math.ceil(count / columns), side };
  }

  function drawOverlay() {
    const canvas = $('overlay');
    const image = $('grid');
    if (!state.importance || !image.naturalWidth) return;
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    const { count, columns, side } = geometry();
    context.clearRect(0, 0, canvas.width, canvas.height);
    for (let j = 0; j < count; j++) {
      const x = (j % columns) * (side + GAP);
      const y = Math.floor(j / columns) * (side + GAP);
      if (state.off.has(j)) {
        context.fillStyle = 'rgba(20, 20, 20, 0.7)';
        context.fillRect(x, y, side, side);
        context.strokeStyle = '#fff';
        context.lineWidth = 4;
        context.beginPath();
        context.moveTo(x + 20, y + 20); context.lineTo(x + side - 20, y + side - 20);
        context.moveTo(x + side - 20, y + 20); context.lineTo(x + 20, y + side - 20);
        context.stroke();
      }
      if (state.importance.neurons[j].dim) {
        context.strokeStyle = '#e6b800';
        context.lineWidth = 6;
        context.setLineDash([12, 8]);
        context.strokeRect(x + 3, y + 3, side - 6, side - 6);
        context.setLineDash([]);
      }
    }
  }

  function renderRanking() {
    const list = $('ranking');
    const neurons = [...state.importance.neurons].sort((a, b) => b.accuracyDrop - a.accuracyDrop || b.contribution - a.contribution);
    const largest = Math.max(1e-9, ...neurons.map(n => Math.abs(n.accuracyDrop)));
    list.replaceChildren(...neurons.map(n => {
      const bar = element('span', { className: `insight-bar${n.accuracyDrop < 0 ? ' negative' : ''}` });
      bar.style.width = `${(Math.abs(n.accuracyDrop) / largest) * 100}%`;
      const item = element('li', {
        className: `${n.dim ? 'dim' : ''}${state.off.has(n.neuron) ? ' off' : ''}`,
        title: `neuron ${n.neuron}: outgoing norm ${n.outgoingNorm.toFixed(3)}, mean activation ${n.meanActivation.toFixed(3)}, contribution ${n.contribution.toFixed(3)}${n.dim ? ' (dim)' : ''}`,
      }, [
        element('button', { type: 'button', textContent: `#${n.neuron}`, ariaPressed: String(state.off.has(n.neuron)) }),
        element('span', { className: 'insight-track' }, [bar]),
        element('span', { className: 'insight-value', textContent: lost(n.accuracyDrop) }),
      ]);
      item.querySelector('button').addEventListener('click', () => toggle(n.neuron));
      return item;
    }));
  }

  // Tells the page (the drawing panel) which neurons are off: an 'ablation' event with the indices.
  function setOff(neurons) {
    state.off = new Set(neurons);
    root.dispatchEvent(new CustomEvent('ablation', { detail: [...state.off] }));
  }

  async function ablate(body) {
    const answer = await call('POST', 'api/insight/ablation', body);
    setOff(answer.off);
    $('ablation').textContent = answer.off.length === 0
      ? `All ${state.importance.neurons.length} neurons on: test accuracy ${percent(answer.baselineAccuracy)}.`
      : `${answer.off.length} off (${answer.off.join(', ')}): test accuracy ${percent(answer.accuracy)}, ${lostAgainst(answer.accuracyDrop)} against ${percent(answer.baselineAccuracy)} (${answer.milliseconds.toFixed(1)} ms).`;
    drawOverlay();
    renderRanking();
  }

  const report = error => { $('error').textContent = error.message; };

  function toggle(neuron) {
    const next = new Set(state.off);
    if (next.has(neuron)) next.delete(neuron); else next.add(neuron);
    $('error').textContent = '';
    ablate({ off: [...next] }).catch(report);
  }

  async function showCell(actual, predicted) {
    const cell = await call('GET', `api/insight/confusion/${actual}/${predicted}?limit=50`);
    $('cell-title').textContent = `True ${actual}, predicted ${predicted}: ${cell.count} test image${cell.count === 1 ? '' : 's'}${cell.count > cell.images.length ? ` (first ${cell.images.length})` : ''}`;
    $('cell-images').replaceChildren(...cell.images.map(image => element('figure', { className: 'insight-sample' }, [
      digitCanvas(image),
      element('figcaption', { textContent: `#${image.index} · ${Math.round(image.probabilities[image.predicted] * 100)}%`, title: image.probabilities.map((p, d) => `${d}: ${(p * 100).toFixed(1)}%`).join('\n') }),
    ])));
  }

  function renderConfusion(confusion) {
    const offDiagonal = confusion.counts.flatMap((row, a) => row.filter((_, p) => p !== a));
    const largest = Math.max(1, ...offDiagonal);
    const head = element('tr', {}, [element('th', { textContent: 'true \\ predicted', scope: 'col' }),
      ...confusion.counts.map((_, p) => element('th', { textContent: String(p), scope: 'col' }))]);
    const rows = confusion.counts.map((row, a) => element('tr', {}, [
      element('th', { textContent: String(a), scope: 'row' }),
      ...row.map((count, p) => {
        const button = element('button', { type: 'button', textContent: String(count), title: `true ${a}, predicted ${p}: ${count}`, disabled: count === 0 });
        if (a === p) button.className = 'diagonal';
        else button.style.background = `rgba(178, 24, 43, ${(0.08 + 0.8 * count / largest).toFixed(3)})`;
        button.addEventListener('click', () => showCell(a, p).catch(report));
        return element('td', {}, [button]);
      }),
    ]));
    $('confusion').replaceChildren(element('thead', {}, [head]), element('tbody', {}, rows));
    $('confusion-summary').textContent = `${confusion.correct} of ${confusion.total} test images right (${percent(confusion.accuracy)}).`;
  }

  async function analyse() {
    $('error').textContent = '';
    $('summary').textContent = 'Analysing the current model on the test set…';
    try {
      state.importance = await call('GET', 'api/insight/importance');
      setOff([]);
      const imp = state.importance;
      const which = imp.runId === null || imp.runId === undefined ? 'The imported model' : `Run ${imp.runId}, epoch ${imp.epoch}`;
      $('summary').textContent = `${which}: test accuracy ${percent(imp.baselineAccuracy)} on ${imp.testCount} images; ${imp.dimCount} of ${imp.neurons.length} hidden neurons are dim (${imp.dimRule}).`;
      $('ablation').textContent = 'Click a neuron on the grid or in the list to switch it off.';
      state.stamp += 1;
      $('grid').src = `api/insight/heatmap.png?v=${Date.now()}-${state.stamp}`;
      $('png').href = 'api/insight/heatmap.png';
      $('gif').hidden = imp.runId === null || imp.runId === undefined;
      if (!$('gif').hidden) $('gif').href = `api/runs/${imp.runId}/heatmaps.gif`;
      renderRanking();
      renderConfusion(await call('GET', 'api/insight/confusion'));
      $('body').hidden = false;
    } catch (error) {
      $('summary').textContent = '';
      report(error);
    }
  }

  $('grid').addEventListener('load', drawOverlay);
  $('overlay').addEventListener('click', event => {
    if (!state.importance) return;
    const canvas = $('overlay');
    const x = event.offsetX * (canvas.width / canvas.clientWidth);
    const y = event.offsetY * (canvas.height / canvas.clientHeight);
    const { count, columns, side } = geometry();
    const column = Math.floor(x / (side + GAP));
    const row = Math.floor(y / (side + GAP));
    const j = row * columns + column;
    if (column < columns && j < count && x % (side + GAP) < side && y % (side + GAP) < side) toggle(j);
  });
  $('analyse').addEventListener('click', analyse);
  $('reset').addEventListener('click', () => ablate({ off: [] }).catch(report));
  $('dimmest-form').addEventListener('submit', event => {
    event.preventDefault();
    ablate({ dimmest: Number($('dimmest').value) }).catch(report);
  });
  return { analyse };
}
