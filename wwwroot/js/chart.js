// A small hand-drawn line chart over epochs: axes with units, a hover readout, and a dashed
// marker at the epoch whose weights the heatmaps show. Crisp on any devicePixelRatio.

import { decimalsFor, niceStep, ticks } from './axis.js';

const MARGIN = { left: 58, right: 14, top: 14, bottom: 40 };

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{series: {label:string, colour:string, value:(p:object)=>number}[], unit:string,
 *          yLabel:string, clampMax?:number, readout:HTMLElement, describe:(p:object|null)=>string}} options
 */
export function createChart(canvas, options) {
  let points = [];
  let xMax = 1;
  let marker = null;
  let hoverIndex = null;
  const ctx = canvas.getContext('2d');

  const finiteValues = () => options.series.flatMap(s => points.map(s.value)).filter(Number.isFinite);

  function yRange() {
    const values = finiteValues();
    if (values.length === 0) return { lo: 0, hi: options.clampMax ?? 1 };
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
    const step = niceStep(hi - lo, 5);
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
    if (options.clampMax !== undefined) hi = Math.min(hi, options.clampMax);
    if (options.clampMin !== undefined) lo = Math.max(lo, options.clampMin);
    return { lo, hi };
  }

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    const cssWidth = canvas.clientWidth;
    const cssHeight = canvas.clientHeight;
    if (cssWidth === 0 || cssHeight === 0) return;
    if (canvas.width !== Math.round(cssWidth * dpr) || canvas.height !== Math.round(cssHeight * dpr)) {
      canvas.width = Math.round(cssWidth * dpr);
      canvas.height = Math.round(cssHeight * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssWidth, cssHeight);
    const style = getComputedStyle(canvas);
    const text = style.getPropertyValue('--chart-text').trim() || '#333';
    const grid = style.getPropertyValue('--chart-grid').trim() || '#ddd';
    const font = `12px ${style.fontFamily}`;
    const plotW = cssWidth - MARGIN.left - MARGIN.right;
    const plotH = cssHeight - MARGIN.top - MARGIN.bottom;
    const { lo, hi } = yRange();
    const x = e => MARGIN.left + (e / xMax) * plotW;
    const y = v => MARGIN.top + (1 - (v - lo) / (hi - lo)) * plotH;

    ctx.font = font;
    ctx.lineWidth = 1;
    const yTicks = ticks(lo, hi, 5);
    const yDecimals = decimalsFor(yTicks.step);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of yTicks.values) {
      ctx.strokeStyle = grid;
      ctx.beginPath();
      ctx.moveTo(MARGIN.left, Math.round(y(v)) + 0.5);
      ctx.lineTo(MARGIN.left + plotW, Math.round(y(v)) + 0.5);
      ctx.stroke();
      ctx.fillStyle = text;
      ctx.fillText(v.toFixed(yDecimals), MARGIN.left - 6, y(v));
    }
    const xTicks = ticks(0, xMax, Math.max(2, Math.floor(plotW / 70)));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of xTicks.values) {
      if (v % 1 !== 0) continue;
      ctx.strokeStyle = grid;
      ctx.beginPath();
      ctx.moveTo(Math.round(x(v)) + 0.5, MARGIN.top + plotH);
      ctx.lineTo(Math.round(x(v)) + 0.5, MARGIN.top + plotH + 4);
      ctx.stroke();
      ctx.fillStyle = text;
      ctx.fillText(String(v), x(v), MARGIN.top + plotH + 6);
    }
    ctx.strokeStyle = text;
    ctx.beginPath();
    ctx.moveTo(MARGIN.left + 0.5, MARGIN.top);
    ctx.lineTo(MARGIN.left + 0.5, MARGIN.top + plotH + 0.5);
    ctx.lineTo(MARGIN.left + plotW, MARGIN.top + plotH + 0.5);
    ctx.stroke();
    ctx.fillStyle = text;
    ctx.fillText('epoch', MARGIN.left + plotW / 2, MARGIN.top + plotH + 22);
    ctx.save();
    ctx.translate(14, MARGIN.top + plotH / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(options.yLabel, 0, 0);
    ctx.restore();

    if (points.length === 0) {
      ctx.fillStyle = text;
      ctx.textBaseline = 'middle';
      ctx.fillText('waiting for the first epoch', MARGIN.left + plotW / 2, MARGIN.top + plotH / 2);
    }

    ctx.save();
    ctx.beginPath();
    ctx.rect(MARGIN.left, MARGIN.top - 4, plotW + 4, plotH + 8);
    ctx.clip();
    for (const series of options.series) {
      ctx.strokeStyle = series.colour;
      ctx.fillStyle = series.colour;
      ctx.lineWidth = 2;
      ctx.lineJoin = 'round';
      ctx.beginPath();
      let pen = false;
      for (const p of points) {
        const v = series.value(p);
        if (!Number.isFinite(v)) { pen = false; continue; }
        if (pen) ctx.lineTo(x(p.epoch), y(v)); else ctx.moveTo(x(p.epoch), y(v));
        pen = true;
      }
      ctx.stroke();
      if (points.length < 40) {
        for (const p of points) {
          const v = series.value(p);
          if (!Number.isFinite(v)) continue;
          ctx.beginPath();
          ctx.arc(x(p.epoch), y(v), 2.5, 0, Math.PI * 2);
          ctx.fill();
        }
      }
    }
    ctx.restore();

    if (marker !== null && marker <= xMax) {
      ctx.save();
      ctx.strokeStyle = text;
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(Math.round(x(marker)) + 0.5, MARGIN.top);
      ctx.lineTo(Math.round(x(marker)) + 0.5, MARGIN.top + plotH);
      ctx.stroke();
      ctx.restore();
      ctx.fillStyle = text;
      ctx.textAlign = x(marker) > MARGIN.left + plotW - 60 ? 'right' : 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(` heatmaps: ${marker} `, x(marker), MARGIN.top);
    }

    const hovered = hoverIndex !== null ? points[hoverIndex] : null;
    if (hovered) {
      ctx.strokeStyle = grid;
      ctx.beginPath();
      ctx.moveTo(Math.round(x(hovered.epoch)) + 0.5, MARGIN.top);
      ctx.lineTo(Math.round(x(hovered.epoch)) + 0.5, MARGIN.top + plotH);
      ctx.stroke();
      for (const series of options.series) {
        const v = series.value(hovered);
        if (!Number.isFinite(v)) continue;
        ctx.fillStyle = series.colour;
        ctx.beginPath();
        ctx.arc(x(hovered.epoch), y(v), 4, 0, Math.PI * 2);
        ctx.fill();
      }
    }
    options.readout.textContent = options.describe(hovered ?? points.at(-1) ?? null);
  }

  canvas.addEventListener('pointermove', event => {
    if (points.length === 0) return;
    const rect = canvas.getBoundingClientRect();
    const plotW = rect.width - MARGIN.left - MARGIN.right;
    const epoch = ((event.clientX - rect.left - MARGIN.left) / plotW) * xMax;
    let best = 0;
    for (let i = 1; i < points.length; i++) {
      if (Math.abs(points[i].epoch - epoch) < Math.abs(points[best].epoch - epoch)) best = i;
    }
    if (best !== hoverIndex) { hoverIndex = best; draw(); }
  });
  canvas.addEventListener('pointerleave', () => { hoverIndex = null; draw(); });
  new ResizeObserver(() => draw()).observe(canvas);

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
      draw();
    },
    setMarker(epoch) {
      marker = epoch;
      draw();
    },
  };
}
