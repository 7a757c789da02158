// Number formatting for labels: fixed decimals, a real minus sign, thin grouping.

const minus = text => text.replace('-', '−');

export function formatNumber(value, digits = 2) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value !== 0 && Math.abs(value) < 10 ** -digits) return minus(value.toExponential(1));
  return minus(value.toFixed(digits));
}

export function formatPercent(fraction, digits = 2) {
  if (!Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)} %`;
}

export function formatInteger(value) {
  if (!Number.isFinite(value)) return '–';
  return Math.round(value).toLocaleString('en-US');
}

export function formatSeconds(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  return seconds < 10 ? `${seconds.toFixed(2)} s` : `${seconds.toFixed(1)} s`;
}
