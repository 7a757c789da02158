// The drawing pad: black ink on a transparent 280x280 canvas with round strokes of the chosen pen width, for
// mouse, pen and touch through pointer events. The canvas has touch-action: none, so drawing never scrolls.

const INK = '#000';
const DEFAULT_WIDTH = 20;

/**
 * @param {HTMLCanvasElement} canvas
 * @param {() => void} onChange
 * @param {HTMLInputElement | null} penWidth a range input with the pen's width in canvas pixels
 */
export function createPad(canvas, onChange, penWidth = null) {
  const lineWidth = () => (penWidth && Number.isFinite(penWidth.valueAsNumber) ? penWidth.valueAsNumber : DEFAULT_WIDTH);
  const ctx = canvas.getContext('2d');
  let drawing = null; // { id, x, y }
  let strokes = 0;

  function point(event) {
    const rect = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) * canvas.width) / rect.width,
      y: ((event.clientY - rect.top) * canvas.height) / rect.height,
    };
  }

  function style() {
    ctx.strokeStyle = INK;
    ctx.fillStyle = INK;
    ctx.lineWidth = lineWidth();
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
  }

  function dot({ x, y }) {
    ctx.beginPath();
    ctx.arc(x, y, lineWidth() / 2, 0, Math.PI * 2);
    ctx.fill();
  }

  canvas.addEventListener('pointerdown', event => {
    if (event.button !== 0 || drawing) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    style();
    const p = point(event);
    dot(p);
    drawing = { id: event.pointerId, ...p };
    strokes++;
  });

  canvas.addEventListener('pointermove', event => {
    if (!drawing || event.pointerId !== drawing.id) return;
    event.preventDefault();
    const events = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    ctx.beginPath();
    ctx.moveTo(drawing.x, drawing.y);
    for (const e of events.length ? events : [event]) {
      const p = point(e);
      ctx.lineTo(p.x, p.y);
      drawing.x = p.x;
      drawing.y = p.y;
    }
    ctx.stroke();
  });

  const end = event => {
    if (!drawing || event.pointerId !== drawing.id) return;
    drawing = null;
    onChange();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  return {
    clear() {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      strokes = 0;
      onChange();
    },
    isEmpty: () => strokes === 0,
    /** @returns {Promise<Blob>} the drawing as PNG */
    toPng: () => new Promise((resolve, reject) =>
      canvas.toBlob(blob => (blob ? resolve(blob) : reject(new Error('The canvas gave no PNG.'))), 'image/png')),
  };
}
