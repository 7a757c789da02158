// Axis ticks at "nice" steps (1, 2 or 5 times a power of ten) for the hand-drawn charts, and the axes themselves.

export function niceStep(range, count) {
  const raw = range / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
}

export function ticks(lo, hi, count) {
  const step = niceStep(hi - lo, count);
  const start = Math.ceil(lo / step - 1e-9) * step;
  const out = [];
  for (let v = start; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return { step, values: out };
}

export function decimalsFor(step) {
  return Math.max(0, Math.min(4, -Math.floor(Math.log10(step) + 1e-9)));
}

/**
 * The axes of a chart on ctx: y ticks with grid lines, integer epoch ticks on x, the axis lines and titles.
 * x, y map an epoch and a value to canvas pixels; x0..x1 are the epochs shown, lo..hi the values.
 */
export function drawAxes(ctx, { x, y, lo, hi, x0, x1, plot, margin, text, grid, yLabel, zoomed }) {
  const yTicks = ticks(lo, hi, 5);
  const yDecimals = decimalsFor(yTicks.step);
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of yTicks.values) {
    ctx.strokeStyle = grid;
    ctx.beginPath();
    ctx.moveTo(margin.left, Math.round(y(v)) + 0.5);
    ctx.lineTo(margin.left + plot.w, Math.round(y(v)) + 0.5);
    ctx.stroke();
    ctx.fillStyle = text;
    ctx.fillText(v.toFixed(yDecimals), margin.left - 6, y(v));
  }
  const xTicks = ticks(x0, x1, Math.max(2, Math.floor(plot.w / 70)));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of xTicks.values) {
    if (v % 1 !== 0) continue;
    ctx.strokeStyle = grid;
    ctx.beginPath();
    ctx.moveTo(Math.round(x(v)) + 0.5, margin.top + plot.h);
    ctx.lineTo(Math.round(x(v)) + 0.5, margin.top + plot.h + 4);
    ctx.stroke();
    ctx.fillStyle = text;
    ctx.fillText(String(v), x(v), margin.top + plot.h + 6);
  }
  ctx.strokeStyle = text;
  ctx.beginPath();
  ctx.moveTo(margin.left + 0.5, margin.top);
  ctx.lineTo(margin.left + 0.5, margin.top + plot.h + 0.5);
  ctx.lineTo(margin.left + plot.w, margin.top + plot.h + 0.5);
  ctx.stroke();
  ctx.fillStyle = text;
  ctx.fillText(zoomed ? `epoch (zoomed: ${Math.round(x0)}–${Math.round(x1)})` : 'epoch', margin.left + plot.w / 2, margin.top + plot.h + 22);
  ctx.save();
  ctx.translate(9, margin.top + plot.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();
}
