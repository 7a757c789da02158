// Heatmaps of incoming weights: one canvas per layer holding every neuron as a tile
// (a hidden neuron of the first layer is a 28x28 picture), each tile with its bias bar below.
// Drawn at 1 canvas pixel per weight with ImageData and scaled up by CSS (image-rendering: pixelated).

import { BIAS_NEGATIVE, BIAS_POSITIVE, css, weightLut } from './colours.js';
import { layerGeometry, layerTitle, legendGradient, paintNeuron } from './tiles.js';
import { maxAbs, neuronStats } from './weights.js';
import { formatNumber } from './format.js';
import { setText } from './dom.js';

/**
 * One figure per layer inside `root`; `detail` shows the hovered or focused neuron enlarged.
 * @param {HTMLElement} root
 * @param {{zoom: HTMLCanvasElement, caption: HTMLElement, values: HTMLElement}} detail
 */
export function createHeatmaps(root, detail) {
  let figures = [];
  let shapeKey = '';
  let current = null;
  let selected = null; // { layer, neuron }
  let pointed = false; // the pointer is over a heatmap

  /** Outlines the selected tile while the pointer is over its layer or the layer has focus. */
  function mark() {
    figures.forEach((figure, index) => {
      const active = selected?.layer === index && (pointed || document.activeElement === figure.canvas);
      figure.highlight.hidden = !active;
    });
  }

  function build(weights) {
    root.replaceChildren();
    const template = document.getElementById('layer-template');
    figures = weights.layers.map((layer, index) => {
      const node = template.content.firstElementChild.cloneNode(true);
      const canvas = node.querySelector('canvas');
      const isOutput = index === weights.layers.length - 1;
      const title = layerTitle(index, weights.layers.length, layer);
      node.querySelector('.layer-title').textContent = title;
      canvas.setAttribute('aria-label', `Heatmaps: ${title}. Use the arrow keys to inspect a neuron.`);
      canvas.dataset.layer = String(index);
      legendGradient(node.querySelector('.legend-gradient'));
      root.append(node);
      const figure = { node, canvas, isOutput, highlight: node.querySelector('.tile-highlight') };
      canvas.addEventListener('pointermove', event => hover(figure, index, event));
      // A tap (touch or pen) or click selects the neuron under it: touch has no hover.
      canvas.addEventListener('pointerdown', event => hover(figure, index, event));
      canvas.addEventListener('pointerleave', () => { pointed = false; mark(); });
      canvas.addEventListener('focus', () => select(index, selected?.layer === index ? selected.neuron : 0));
      canvas.addEventListener('blur', () => mark());
      canvas.addEventListener('keydown', event => keyboard(figure, index, event));
      return figure;
    });
  }

  function hover(figure, index, event) {
    if (!current) return;
    const geometry = layerGeometry(current.layers[index], figure.isOutput);
    const rect = figure.canvas.getBoundingClientRect();
    const x = ((event.clientX - rect.left) * figure.canvas.width) / rect.width;
    const y = ((event.clientY - rect.top) * figure.canvas.height) / rect.height;
    const col = Math.floor(x / geometry.cellWidth);
    const row = Math.floor(y / geometry.cellHeight);
    const neuron = row * geometry.cols + col;
    if (col < geometry.cols && neuron >= 0 && neuron < current.layers[index].outputs) {
      pointed = true;
      select(index, neuron);
    }
  }

  function keyboard(figure, index, event) {
    if (!current || !selected || selected.layer !== index) return;
    const geometry = layerGeometry(current.layers[index], figure.isOutput);
    const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -geometry.cols, ArrowDown: geometry.cols, Home: -Infinity, End: Infinity };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const last = current.layers[index].outputs - 1;
    select(index, Math.max(0, Math.min(last, selected.neuron + moves[event.key])));
  }

  function select(layerIndex, neuron) {
    selected = { layer: layerIndex, neuron };
    showDetail();
  }

  function showDetail() {
    if (!current || !selected || selected.layer >= current.layers.length) return;
    const layer = current.layers[selected.layer];
    const figure = figures[selected.layer];
    const geometry = layerGeometry(layer, figure.isOutput);
    const neuron = Math.min(selected.neuron, layer.outputs - 1);
    const col = neuron % geometry.cols;
    const row = Math.floor(neuron / geometry.cols);
    const box = figure.highlight;
    box.style.left = `${((col * geometry.cellWidth - 0.5) / geometry.width) * 100}%`;
    box.style.top = `${((row * geometry.cellHeight - 0.5) / geometry.height) * 100}%`;
    box.style.width = `${((geometry.tile.width + 1) / geometry.width) * 100}%`;
    box.style.height = `${((geometry.cellHeight) / geometry.height) * 100}%`;
    mark();

    const zoom = detail.zoom;
    zoom.width = geometry.tile.width;
    zoom.height = geometry.tile.height;
    const ctx = zoom.getContext('2d');
    const image = ctx.createImageData(zoom.width, zoom.height);
    const zoomGeometry = { ...geometry, barHeight: 0 };
    paintNeuron(new Uint32Array(image.data.buffer), zoom.width, 0, 0, layer, neuron, zoomGeometry, weightLut(layer.clip), 0);
    ctx.putImageData(image, 0, 0);

    const stats = neuronStats(layer, neuron);
    const name = figure.isOutput ? `Output neuron ${neuron} (digit ${neuron})` : `Hidden layer ${selected.layer + 1}, neuron ${neuron}`;
    setText(detail.caption, name);
    zoom.setAttribute('aria-label', `Incoming weights of ${name}, enlarged`);
    const rows = [
      ['Index', String(neuron)],
      ['Bias', formatNumber(stats.bias, 4)],
      ['Min weight', formatNumber(stats.min, 4)],
      ['Max weight', formatNumber(stats.max, 4)],
      ['Inputs', `${layer.inputs} (${geometry.tile.width}×${geometry.tile.height})`],
    ];
    detail.values.replaceChildren(...rows.flatMap(([k, v]) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      return [dt, dd];
    }));
  }

  /** Draws every layer of a decoded WeightsDto. */
  function render(weights) {
    const key = weights.layers.map(l => `${l.inputs}x${l.outputs}`).join('-');
    if (key !== shapeKey) {
      build(weights);
      shapeKey = key;
      selected = null;
    }
    current = weights;
    weights.layers.forEach((layer, index) => {
      const figure = figures[index];
      const geometry = layerGeometry(layer, figure.isOutput);
      const { canvas } = figure;
      canvas.width = geometry.width;
      canvas.height = geometry.height;
      canvas.style.aspectRatio = `${geometry.width} / ${geometry.height}`;
      const ctx = canvas.getContext('2d');
      const image = ctx.createImageData(geometry.width, geometry.height);
      const pixels = new Uint32Array(image.data.buffer);
      const lut = weightLut(layer.clip);
      const biasMax = maxAbs(layer.biases);
      for (let j = 0; j < layer.outputs; j++) {
        const ox = (j % geometry.cols) * geometry.cellWidth;
        const oy = Math.floor(j / geometry.cols) * geometry.cellHeight;
        paintNeuron(pixels, geometry.width, ox, oy, layer, j, geometry, lut, biasMax);
      }
      ctx.putImageData(image, 0, 0);
      const clipValue = (layer.clip / 127) * layer.scale;
      setText(figure.node.querySelector('.legend-min'), `−${formatNumber(clipValue, 3)}`);
      setText(figure.node.querySelector('.legend-max'), `+${formatNumber(clipValue, 3)}`);
      setText(figure.node.querySelector('.legend-bias'), `±${formatNumber(biasMax, 3)}`);
      const biasLegend = figure.node.querySelector('.legend-bias-colours');
      biasLegend.style.setProperty('--bias-negative', css(BIAS_NEGATIVE));
      biasLegend.style.setProperty('--bias-positive', css(BIAS_POSITIVE));
    });
    if (!selected) {
      selected = { layer: 0, neuron: 0 };
    }
    showDetail();
  }

  return { render };
}
