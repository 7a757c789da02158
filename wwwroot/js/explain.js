// Why the network answered (POST /api/insight/explain): each pixel's contribution to the predicted digit as a
// red (for) / blue (against) 28x28 map beside the preview, and the first hidden layer's activations as a grid
// (neuron 0 top-left, row by row, as on the Insight grid), neurons switched off crossed out.

import { legendGradient } from './tiles.js';
import { packRgb, weightRgb } from './colours.js';

const CELL = 14; // CSS pixels per neuron in the activation grid

/** contributions (784) on one symmetric scale: +-max |c| is full red / blue, 0 near white. */
function drawContributions(canvas, contributions) {
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(28, 28);
  const pixels = new Uint32Array(image.data.buffer);
  const max = Math.max(1e-12, ...contributions.map(Math.abs));
  contributions.forEach((c, i) => { pixels[i] = packRgb(weightRgb(c / max)); });
  ctx.putImageData(image, 0, 0);
  return max;
}

/** hidden (K) as a ceil(sqrt K)-wide grid, white = the largest of 1 and max activation, black = 0. */
function drawActivations(canvas, hidden, off) {
  const columns = Math.max(1, Math.ceil(Math.sqrt(hidden.length)));
  const rows = Math.max(1, Math.ceil(hidden.length / columns));
  canvas.width = columns * CELL;
  canvas.height = rows * CELL;
  const ctx = canvas.getContext('2d');
  const top = Math.max(1, ...hidden);
  ctx.fillStyle = '#556';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  hidden.forEach((a, j) => {
    const x = (j % columns) * CELL;
    const y = Math.floor(j / columns) * CELL;
    const v = Math.round(Math.max(0, Math.min(1, a / top)) * 255);
    ctx.fillStyle = `rgb(${v} ${v} ${v})`;
    ctx.fillRect(x + 1, y + 1, CELL - 2, CELL - 2);
    if (off.has(j)) {
      ctx.strokeStyle = '#d62728';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x + 3, y + 3); ctx.lineTo(x + CELL - 3, y + CELL - 3);
      ctx.moveTo(x + CELL - 3, y + 3); ctx.lineTo(x + 3, y + CELL - 3);
      ctx.stroke();
    }
  });
  return { columns, top };
}

/** root holds the [data-explain] parts: map (beside the preview), body (legends, activations), error. */
export function createExplanation(root) {
  const $ = name => root.querySelector(`[data-explain="${name}"]`);
  let shown = null;
  legendGradient($('map-legend'));
  const greys = $('activation-legend').getContext('2d');
  const ramp = greys.createLinearGradient(0, 0, $('activation-legend').width, 0);
  ramp.addColorStop(0, '#000');
  ramp.addColorStop(1, '#fff');
  greys.fillStyle = ramp;
  greys.fillRect(0, 0, $('activation-legend').width, $('activation-legend').height);

  $('activations').addEventListener('pointermove', event => {
    if (!shown) return;
    const canvas = $('activations');
    const j = Math.floor(event.offsetY * (canvas.height / canvas.clientHeight) / CELL) * shown.columns
      + Math.floor(event.offsetX * (canvas.width / canvas.clientWidth) / CELL);
    canvas.title = j < shown.hidden.length
      ? `neuron ${j}: ${shown.off.has(j) ? 'off' : `activation ${shown.hidden[j].toFixed(3)}`}` : '';
  });

  return {
    /** answer: the explain response, or null to clear; error: a message when the explanation failed. */
    show(answer, error = '') {
      $('error').textContent = error;
      $('body').hidden = !answer;
      $('map').hidden = !answer;
      if (!answer) { shown = null; return; }
      const off = new Set(answer.off);
      const max = drawContributions($('map'), answer.contributions);
      $('map-scale').textContent = `blue: against ${answer.target} · red: for ${answer.target}; full colour at ±${max.toPrecision(2)} (its logit: ${answer.score.toFixed(2)})`;
      const { columns, top } = drawActivations($('activations'), answer.hidden, off);
      shown = { columns, hidden: answer.hidden, off };
      const active = answer.hidden.filter(a => a > 0.5 * top).length;
      $('activation-scale').textContent = answer.hidden.length === 0
        ? 'The model has no hidden layer.'
        : `black 0 · white ${top.toPrecision(2)}; ${active} of ${answer.hidden.length} above half${off.size ? `; ${off.size} off (crossed)` : ''}`;
    },
  };
}
