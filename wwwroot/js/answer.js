// How the page shows what a network read: the 28x28 input it saw and its ten probabilities as bars. The drawing
// panel and the drawings gallery both draw answers this way.

import { formatPercent } from './format.js';

/** input: 784 values, ink 0..1, row-major; drawn white on black, as MNIST digits are usually shown. */
export function drawInput(canvas, input) {
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = Math.round(Math.max(0, Math.min(1, input[i] ?? 0)) * 255);
    image.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
}

/** Fills an <ol class="bars"> with one row per digit: the digit, a bar, the probability; best is emphasised. */
export function renderBars(list, probabilities, best) {
  list.replaceChildren(...probabilities.map((p, d) => {
    const item = document.createElement('li');
    item.classList.toggle('best', d === best);
    item.setAttribute('aria-label', `${d}: ${formatPercent(p, 1)}`);
    const label = document.createElement('span');
    label.className = 'bar-digit';
    label.textContent = String(d);
    const track = document.createElement('span');
    track.className = 'bar-track';
    const fill = document.createElement('span');
    fill.className = 'bar-fill';
    fill.style.width = `${Math.max(0, Math.min(1, p)) * 100}%`;
    track.append(fill);
    const value = document.createElement('span');
    value.className = 'bar-value';
    value.textContent = formatPercent(p, 1);
    item.append(label, track, value);
    return item;
  }));
}
