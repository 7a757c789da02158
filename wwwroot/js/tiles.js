// Tile geometry and painting for the heatmaps: a neuron's incoming weights as one tile of
// 1 pixel per weight (784 -> 28x28), its bias as a bar under it, written into ImageData words.

import { BIAS_NEGATIVE, BIAS_POSITIVE, BIAS_TRACK, packRgb, weightRgb } from './colours.js';
import { tileShape } from './weights.js';

const GAP = 1;

/** Tile and grid geometry of a layer: columns ceil(sqrt(n)), the output layer in one row when small. */
export function layerGeometry(layer, isOutput) {
  const tile = tileShape(layer.inputs);
  const barHeight = Math.max(2, Math.round(tile.height / 7));
  const cellWidth = tile.width + GAP;
  const cellHeight = tile.height + 1 + barHeight + GAP;
  const cols = isOutput && layer.outputs <= 10 ? layer.outputs : Math.ceil(Math.sqrt(layer.outputs));
  const rows = Math.ceil(layer.outputs / cols);
  return {
    tile, barHeight, cellWidth, cellHeight, cols, rows,
    width: cols * cellWidth - GAP,
    height: rows * cellHeight - GAP,
  };
}

/** Writes neuron j's tile (and bias bar when barHeight > 0) into a Uint32 pixel view at (ox, oy). */
export function paintNeuron(pixels, stride, ox, oy, layer, j, geometry, lut, biasMax) {
  const { tile, barHeight } = geometry;
  const base = j * layer.inputs;
  for (let y = 0; y < tile.height; y++) {
    const row = (oy + y) * stride + ox;
    for (let x = 0; x < tile.width; x++) {
      const i = y * tile.width + x;
      if (i < layer.inputs) {
        pixels[row + x] = lut[layer.bytes[base + i] + 128];
      }
    }
  }
  if (barHeight === 0) {
    return;
  }
  const bias = layer.biases[j];
  const half = tile.width / 2;
  const length = biasMax > 0 ? Math.round(Math.min(1, Math.abs(bias) / biasMax) * half) : 0;
  const from = bias >= 0 ? Math.floor(half) : Math.floor(half) - length;
  const to = bias >= 0 ? Math.floor(half) + length : Math.floor(half);
  const track = packRgb(BIAS_TRACK);
  const fill = packRgb(bias >= 0 ? BIAS_POSITIVE : BIAS_NEGATIVE);
  for (let y = 0; y < barHeight; y++) {
    const row = (oy + tile.height + 1 + y) * stride + ox;
    for (let x = 0; x < tile.width; x++) {
      pixels[row + x] = x >= from && x < to ? fill : track;
    }
  }
}

export function layerTitle(index, count, layer) {
  const { width, height } = tileShape(layer.inputs);
  const name = index === count - 1 ? 'Output layer' : `Hidden layer ${index + 1}`;
  return `${name}: ${layer.outputs} neurons, each ${layer.inputs} incoming weights (${width}×${height})`;
}

export function legendGradient(canvas) {
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(canvas.width, 1);
  const pixels = new Uint32Array(image.data.buffer);
  for (let x = 0; x < canvas.width; x++) {
    pixels[x] = packRgb(weightRgb((x / (canvas.width - 1)) * 2 - 1));
  }
  for (let y = 0; y < canvas.height; y++) {
    ctx.putImageData(image, 0, y);
  }
}
