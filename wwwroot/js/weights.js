// WeightsDto (docs/CONTRACTS.md): per layer, outputs*inputs signed bytes (base64 over REST and JSON,
// raw bytes over the hub's MessagePack), row-major,
// value = byte / 127 * scale. Decoded once into Int8Array views; heatmaps colour the bytes
// directly, so a shared symmetric scale across the layer costs nothing.

function base64ToBytes(text) {
  if (text instanceof Uint8Array) {
    return text;
  }
  if (typeof Uint8Array.fromBase64 === 'function') {
    return Uint8Array.fromBase64(text);
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** Width and height of the picture a row of `inputs` weights makes: 784 -> 28x28, 64 -> 8x8. */
export function tileShape(inputs) {
  const width = Math.ceil(Math.sqrt(inputs));
  return { width, height: Math.ceil(inputs / width) };
}

/**
 * @param {{layers: {inputs:number, outputs:number, activation:string, scale:number, weights:string|Uint8Array, biases:number[]}[]}} dto
 * @returns {{layers: DecodedLayer[]}}
 */
export function decodeWeights(dto) {
  if (!dto || !Array.isArray(dto.layers)) {
    throw new TypeError('WeightsDto without layers');
  }
  return {
    layers: dto.layers.map((layer, index) => {
      const raw = base64ToBytes(layer.weights);
      const expected = layer.inputs * layer.outputs;
      if (raw.length !== expected) {
        throw new RangeError(`layer ${index}: ${raw.length} weight bytes, expected ${expected}`);
      }
      const bytes = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
      return {
        index,
        inputs: layer.inputs,
        outputs: layer.outputs,
        activation: layer.activation,
        scale: layer.scale,
        bytes,
        biases: Float32Array.from(layer.biases),
        clip: clipByte(bytes),
      };
    }),
  };
}

/**
 * The colour scale's end in bytes: the 99.5th percentile of |byte|, so one outlier does not wash
 * the whole layer out. Values beyond it are drawn at full colour.
 */
function clipByte(bytes) {
  const counts = new Uint32Array(129);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    counts[b < 0 ? (b === -128 ? 128 : -b) : b]++;
  }
  const target = bytes.length * 0.995;
  let seen = 0;
  for (let v = 0; v <= 128; v++) {
    seen += counts[v];
    if (seen >= target) {
      return Math.max(v, 1);
    }
  }
  return 127;
}

/**
 * The weights drawn on another snapshot's colour scale: each layer's clip set to the weight at which `reference`'s
 * same layer reaches full colour (one scale over a run, as its GIF; a clip past 127 bytes leaves the colours paler).
 */
export function onScaleOf(weights, reference) {
  if (!reference || reference === weights || reference.layers.length !== weights.layers.length) return weights;
  return {
    layers: weights.layers.map((layer, i) => {
      const ref = reference.layers[i];
      const value = (ref.clip / 127) * ref.scale;
      return { ...layer, clip: layer.scale > 0 ? Math.max(1, (value * 127) / layer.scale) : layer.clip };
    }),
  };
}

/** Min, max (as weights) of neuron j's incoming weights. */
export function neuronStats(layer, j) {
  let min = 127;
  let max = -128;
  const start = j * layer.inputs;
  for (let i = start; i < start + layer.inputs; i++) {
    const b = layer.bytes[i];
    if (b < min) min = b;
    if (b > max) max = b;
  }
  const unit = layer.scale / 127;
  return { min: min * unit, max: max * unit, bias: layer.biases[j] };
}

export function maxAbs(values) {
  let m = 0;
  for (const v of values) {
    const a = Math.abs(v);
    if (a > m) m = a;
  }
  return m;
}
