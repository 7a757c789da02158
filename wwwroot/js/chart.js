// A small hand-drawn line chart over epochs: axes with units, a hover readout, a dashed marker at the epoch
// whose weights the heatmaps show, and zoom: drag across the plot to show those epochs (the y axis fits the
// points shown), reset to see them all. Crisp on any devicePixelRatio. The shown ranges are kept on the canvas
// as data-x-min/-max and data-y-min/-max.

import { drawAxes, niceStep } from './axis.js';
import { setText } from './dom.js';

const MARGIN = { left: 64, right: 14, top: 12, bottom: 40 };
const MIN_DRAG_PX = 8;

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{series: {label:string, colour:string, dash?:number[], value:(p:object)=>number}[], yLabel:string,
 *          clampMin?:number, clampMax?:number, readout:HTMLElement, describe:(p:object|null)=>string,
 *          onZoom?:(view:{from:number, to:number}|null)=>void}} options
 */
export function createChart(canvas, options) {
  let points = [];
  let xMax = 1;
  let view = null; // { from, to } in epochs while zoomed
  let marker = null;
  let hoverIndex = null;
  let brush = null; // { id, from, to } in epochs while dragging
  const ctx = canvas.getContext('2d');

  const xRange = () => (view ? { x0: view.from, x1: view.to } : { x0: 0, x1: xMax });
  const shown = () => {
    const { x0, x1 } = xRange();
    return points.filter(p => p.epoch >= x0 && p.epoch <= x1);
  };

  function yRange() {
    const values = options.series.flatMap(s => shown().map(s.value)).filter(Number.isFinite);
    if (values.length === 0) return { lo: options.clampMin ?? 0, hi: options.clampMax ?? 1 };
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (hi - lo < 1e-9) { lo -= Math.max(0.5, Math.abs(lo) * 0.01); hi += Math.max(0.5, Math.abs(hi) * 0.01); }
    const step = niceStep(hi - lo, 5);
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
    if (options.clampMax !== undefined) hi = Math.min(hi, options.clampMax);
    if (options.clampMin !== undefined) lo = Math.max(lo, options.clampMin);
    return { lo, hi };
  }

  // The canvas's CSS size as the ResizeObserver last saw it: reading clientWidth in draw() would make the browser
  // lay out the page there and then whenever the status panel changed text in the same frame.
  let size = null;
  const cssSize = () => size ?? { width: canvas.clientWidth, height: canvas.clientHeight };

  function plotBox() {
    const { width, height } = cssSize();
    return { w: width - MARGIN.left - MARGIN.right, h: height - MARGIN.top - MARGIN.bottom };
  }

  /** The epoch under a client x coordinate, within the shown range. */
  function epochAt(clientX) {
    const rect = canvas.getBoundingClientRect();
    const { x0, x1 } = xRange();
    const t = (clientX - rect.left - MARGIN.left) / (rect.width - MARGIN.left - MARGIN.right);
    return x0 + Math.max(0, Math.min(1, t)) * (x1 - x0);
  }

  function line(series, x, y) {
    ctx.strokeStyle = series.colour;
    ctx.fillStyle = series.colour;
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.setLineDash(series.dash ?? []);
    ctx.beginPath();
    let pen = false;
    for (const p of points) {
      const v = series.value(p);
      if (!Number.isFinite(v)) { pen = false; continue; }
      if (pen) ctx.lineTo(x(p.epoch), y(v)); else ctx.moveTo(x(p.epoch), y(v));
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
    const visible = shown();
    if (visible.length < 40) {
      for (const p of visible) {
        const v = series.value(p);
        if (!Number.isFinite(v)) continue;
        ctx.beginPath();
        ctx.arc(x(p.epoch), y(v), 2.5, 0, Math.PI * 2);
        ctx.fill();
      }
    }
  }

  function vertical(px, plot, colour, dash = []) {
    ctx.save();
    ctx.strokeStyle = colour;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(Math.round(px) + 0.5, MARGIN.top);
    ctx.lineTo(Math.round(px) + 0.5, MARGIN.top + plot.h);
    ctx.stroke();
    ctx.restore();
  }

  // The stylesheet's colours and font, read once per size of the canvas: getComputedStyle makes the browser bring
  // the page's style up to date there and then, and a fast run draws many times a second.
  let looked = null;
  function look() {
    const { width, height } = cssSize();
    const key = `${width}x${height}`;
    if (looked?.key !== key) {
      const style = getComputedStyle(canvas);
      looked = {
        key,
        text: style.getPropertyValue('--chart-text').trim() || '#333',
        grid: style.getPropertyValue('--chart-grid').trim() || '#ddd',
        font: `12px ${style.fontFamily}`,
      };
    }
    return looked;
  }

  // Drawn once per task however many changes it brings: a live epoch sets the data and then the replay marker.
  let drawQueued = false;
  function requestDraw() {
    if (drawQueued) return;
    drawQueued = true;
    queueMicrotask(() => {
      drawQueued = false;
      draw();
    });
  }

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    const { width: cssWidth, height: cssHeight } = cssSize();
    if (cssWidth === 0 || cssHeight === 0) return;
    if (canvas.width !== Math.round(cssWidth * dpr) || canvas.height !== Math.round(cssHeight * dpr)) {
      canvas.width = Math.round(cssWidth * dpr);
      canvas.height = Math.round(cssHeight * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssWidth, cssHeight);
    const { text, grid, font } = look();
    ctx.font = font;
    const plot = plotBox();
    const { lo, hi } = yRange();
    const { x0, x1 } = xRange();
    const x = e => MARGIN.left + ((e - x0) / (x1 - x0 || 1)) * plot.w;
    const y = v => MARGIN.top + (1 - (v - lo) / (hi - lo)) * plot.h;
    // Only on a change: each attribute written invalidates the page's style, and a fast run draws many times a second.
    for (const [key, value] of [['xMin', x0], ['xMax', x1], ['yMin', lo], ['yMax', hi]]) {
      if (canvas.dataset[key] !== String(value)) canvas.dataset[key] = String(value);
    }

    drawAxes(ctx, { x, y, lo, hi, x0, x1, plot, margin: MARGIN, text, grid, yLabel: options.yLabel, zoomed: view !== null });
    if (points.length === 0) {
      ctx.fillStyle = text;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('waiting for the first epoch', MARGIN.left + plot.w / 2, MARGIN.top + plot.h / 2);
    }

    ctx.save();
    ctx.beginPath();
    ctx.rect(MARGIN.left, MARGIN.top - 4, plot.w + 4, plot.h + 8);
    ctx.clip();
    for (const series of options.series) line(series, x, y);
    if (marker !== null && marker >= x0 && marker <= x1) vertical(x(marker), plot, text, [4, 4]);
    ctx.restore();

    if (brush) {
      ctx.fillStyle = 'rgb(31 95 168 / 0.15)';
      const a = x(Math.min(brush.from, brush.to));
      ctx.fillRect(a, MARGIN.top, x(Math.max(brush.from, brush.to)) - a, plot.h);
    }

    const hovered = hoverIndex !== null ? points[hoverIndex] : null;
    if (hovered && hovered.epoch >= x0 && hovered.epoch <= x1) {
      vertical(x(hovered.epoch), plot, grid);
      for (const series of options.series) {
        const v = series.value(hovered);
        if (!Number.isFinite(v)) continue;
        ctx.fillStyle = series.colour;
        ctx.beginPath();
        ctx.arc(x(hovered.epoch), y(v), 4, 0, Math.PI * 2);
        ctx.fill();
      }
    }
    setText(options.readout, options.describe(hovered ?? shown().at(-1) ?? null));
  }

  function setView(next, notify) {
    view = next;
    draw();
    if (notify) options.onZoom?.(view);
  }

  canvas.addEventListener('pointerdown', event => {
    if (points.length < 2 || (event.pointerType === 'mouse' && event.button !== 0)) return;
    const from = epochAt(event.clientX);
    brush = { id: event.pointerId, from, to: from, startX: event.clientX };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener('pointermove', event => {
    if (points.length === 0) return;
    const epoch = epochAt(event.clientX);
    if (brush && event.pointerId === brush.id) brush.to = epoch;
    let best = 0;
    for (let i = 1; i < points.length; i++) {
      if (Math.abs(points[i].epoch - epoch) < Math.abs(points[best].epoch - epoch)) best = i;
    }
    hoverIndex = best;
    draw();
  });
  const endBrush = event => {
    if (!brush || event.pointerId !== brush.id) return;
    const { from, to, startX } = brush;
    brush = null;
    const lo = Math.floor(Math.min(from, to));
    const hi = Math.ceil(Math.max(from, to));
    if (event.type === 'pointerup' && Math.abs(event.clientX - startX) >= MIN_DRAG_PX && hi - lo >= 1) setView({ from: lo, to: hi }, true);
    else draw();
  };
  canvas.addEventListener('pointerup', endBrush);
  canvas.addEventListener('pointercancel', endBrush);
  canvas.addEventListener('pointerleave', () => { if (!brush) { hoverIndex = null; draw(); } });
  canvas.addEventListener('dblclick', () => setView(null, true));
  new ResizeObserver(() => {
    size = { width: canvas.clientWidth, height: canvas.clientHeight };
    draw();
  }).observe(canvas);

  return {
    /** @param {object[]} data epochs in order; @param {number} plannedEpochs the x axis end */
    setData(data, plannedEpochs) {
      points = data;
      // The axis grows with the run (half as far again as the newest epoch) up to the planned end,
      // so early epochs of a long run are not squeezed against the left edge.
      const newest = data.at(-1)?.epoch ?? 0;
      const planned = plannedEpochs || newest;
      xMax = Math.max(1, newest, Math.min(planned, Math.max(10, Math.ceil(newest * 1.5))));
      if (hoverIndex !== null && hoverIndex >= points.length) hoverIndex = null;
      requestDraw();
    },
    setMarker(epoch) {
      if (marker === epoch) return;
      marker = epoch;
      requestDraw();
    },
    /** Shows epochs from..to ({from, to}) or, with null, every epoch; does not call onZoom. */
    setView: next => setView(next, false),
    get zoomed() { return view !== null; },
  };
}
