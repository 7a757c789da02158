// Colour scales shared by the heatmaps, their legends and the zoomed neuron.
// Weights: diverging blue (negative) - near white (0) - red (positive), as ColorBrewer RdBu.
// Biases: green (negative) and yellow (positive).

const NEG = [[247, 247, 247], [146, 197, 222], [33, 102, 172]];
const POS = [[247, 247, 247], [244, 165, 130], [178, 24, 43]];
export const BIAS_POSITIVE = [230, 184, 0];
export const BIAS_NEGATIVE = [26, 152, 80];
export const BIAS_TRACK = [222, 222, 222];

function lerp3(stops, t) {
  const s = t * 2;
  const i = s < 1 ? 0 : 1;
  const f = s - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [0, 1, 2].map(k => Math.round(a[k] + (b[k] - a[k]) * f));
}

/** RGB of a value in [-1, 1]. */
export function weightRgb(t) {
  const c = Math.max(-1, Math.min(1, t));
  return c >= 0 ? lerp3(POS, c) : lerp3(NEG, -c);
}

/** Packs RGB into one little-endian RGBA word for a Uint32Array over ImageData. */
export function packRgb([r, g, b]) {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** 256 packed colours indexed by byte + 128, saturating at +-clip bytes. */
export function weightLut(clip) {
  const lut = new Uint32Array(256);
  for (let b = -128; b <= 127; b++) {
    lut[b + 128] = packRgb(weightRgb(b / clip));
  }
  return lut;
}

export function css([r, g, b]) {
  return `rgb(${r} ${g} ${b})`;
}
