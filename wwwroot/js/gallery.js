// "Your drawings": every drawing labelled on the pad (GET /api/drawings), wrong ones first, each with the digit the
// person said and what the current model reads in it now; "Wrong only" filters. A drawing opens to show what the
// network saw (its stored 28x28 input) and the current model's probabilities (GET /api/drawings/{id}), and can be
// deleted (a control call: the admin key when the server has one). The list is read again when the hub says the
// drawings changed, on (re)connecting, and, while a run trains, at most every few seconds as the model changes.

import { deleteDrawing, getDrawing, getDrawings } from './api.js';
import { drawInput, renderBars } from './answer.js';
import { formatPercent } from './format.js';

const PAGE = 48;
const REREAD_MS = 5000;

/** What the network reads in a drawing: the current model's answer, else the one it gave when the drawing was labelled. */
const reads = d => d.currentAnswer ?? d.answer ?? null;
const isWrong = d => reads(d) !== null && reads(d) !== d.label;

export function createGallery() {
  const $ = id => document.getElementById(id);
  const list = $('gallery-list');
  const count = $('gallery-count');
  const summary = $('gallery-summary');
  const more = $('gallery-more');
  const error = $('gallery-error');
  const filters = $('gallery-filter');
  const detail = {
    root: $('gallery-detail'), title: $('gallery-detail-title'), image: $('gallery-detail-image'), input: $('gallery-detail-input'),
    text: $('gallery-detail-text'), bars: $('gallery-detail-bars'), remove: $('gallery-delete'), close: $('gallery-close'), error: $('gallery-detail-error'),
  };
  let drawings = [];
  let shown = PAGE;
  let selected = null; // the open drawing's id
  let reading = null; // the list request in flight
  let again = false; // asked to read again while one was in flight
  let lastRead = 0;
  let timer = null;

  const wrongOnly = () => filters.querySelector('input:checked')?.value === 'wrong';

  function describe(d) {
    const now = reads(d);
    if (now === null) return `you said ${d.label}; no model has read it`;
    const when = d.currentAnswer === undefined || d.currentAnswer === null ? 'read' : 'reads';
    return `you said ${d.label}; the network ${when} ${now}${isWrong(d) ? ' (wrong)' : ' (right)'}`;
  }

  function item(d) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'gallery-item';
    button.dataset.id = String(d.id);
    button.dataset.wrong = String(isWrong(d));
    button.setAttribute('aria-pressed', String(selected === d.id));
    button.setAttribute('aria-label', `Drawing ${d.id}: ${describe(d)}`);
    const image = Object.assign(document.createElement('img'), { src: d.image, alt: '', loading: 'lazy', width: 64, height: 64 });
    const said = Object.assign(document.createElement('span'), { className: 'gallery-said', textContent: `said ${d.label}` });
    const now = reads(d);
    const verdict = Object.assign(document.createElement('span'), {
      className: 'gallery-reads',
      textContent: now === null ? 'not read' : `reads ${now} ${isWrong(d) ? '✗' : '✓'}`,
    });
    button.append(image, said, verdict);
    button.addEventListener('click', () => open(d.id));
    li.append(button);
    return li;
  }

  function render() {
    const wrong = drawings.filter(isWrong).length;
    count.textContent = `(${drawings.length})`;
    const model = drawings.find(d => d.currentModel)?.currentModel;
    summary.textContent = drawings.length === 0
      ? 'No drawings yet: draw a digit above, press “What did I draw?”, then say whether the answer was right.'
      : `${drawings.length} drawing${drawings.length === 1 ? '' : 's'}; ${wrong} read wrong${model ? ` by the current model (${model})` : ''}. Wrong ones first, newest first.`;
    // Wrong first, then newest first.
    const ordered = [...drawings].sort((a, b) => (Number(isWrong(b)) - Number(isWrong(a))) || (b.id - a.id));
    const visible = wrongOnly() ? ordered.filter(isWrong) : ordered;
    list.replaceChildren(...visible.slice(0, shown).map(item));
    const rest = visible.length - shown;
    more.hidden = rest <= 0;
    more.textContent = rest > 0 ? `Show ${Math.min(PAGE, rest)} more (${rest} not shown)` : '';
  }

  async function refresh() {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      try {
        drawings = await getDrawings();
        error.textContent = '';
        render();
        if (selected !== null) {
          if (drawings.some(d => d.id === selected)) await show(selected);
          else closeDetail();
        }
      } catch (failure) {
        error.textContent = `Your drawings: ${failure.message}`;
      } finally {
        lastRead = Date.now();
        reading = null;
      }
    })();
    await reading;
    if (again) {
      again = false;
      await refresh();
    }
  }

  async function show(id) {
    const d = await getDrawing(id);
    if (selected !== id) return; // another was opened meanwhile
    const { drawing, input, current } = d;
    detail.title.textContent = `Drawing ${drawing.id}: you said ${drawing.label}`;
    detail.image.src = drawing.image;
    drawInput(detail.input, input);
    if (current) {
      detail.text.textContent = `The current model (${drawing.currentModel}) reads ${current.digit}, ${formatPercent(current.probabilities[current.digit], 1)} sure${current.digit === drawing.label ? '' : `; ${drawing.label} gets ${formatPercent(current.probabilities[drawing.label], 1)}`}.`
        + (drawing.answer !== null && drawing.answer !== undefined ? ` When it was labelled, ${drawing.model ?? 'the model'} read ${drawing.answer}.` : '');
      renderBars(detail.bars, current.probabilities, current.digit);
    } else {
      detail.text.textContent = 'No model can read it now: start a run or import a model.';
      detail.bars.replaceChildren();
    }
    detail.root.hidden = false;
  }

  async function open(id) {
    selected = id;
    detail.error.textContent = '';
    for (const b of list.querySelectorAll('.gallery-item')) b.setAttribute('aria-pressed', String(b.dataset.id === String(id)));
    try {
      await show(id);
      detail.root.scrollIntoView({ block: 'nearest' });
    } catch (failure) {
      detail.error.textContent = failure.message;
      detail.root.hidden = false;
    }
  }

  function closeDetail() {
    const id = selected;
    selected = null;
    detail.root.hidden = true;
    for (const b of list.querySelectorAll('.gallery-item')) b.setAttribute('aria-pressed', 'false');
    list.querySelector(`.gallery-item[data-id="${id}"]`)?.focus();
  }

  detail.close.addEventListener('click', closeDetail);
  detail.remove.addEventListener('click', async () => {
    const id = selected;
    if (id === null) return;
    detail.error.textContent = '';
    detail.remove.disabled = true;
    try {
      await deleteDrawing(id);
      selected = null;
      detail.root.hidden = true;
      summary.textContent = `Drawing ${id} deleted.`;
      await refresh();
    } catch (failure) {
      detail.error.textContent = `Not deleted: ${failure.message}`;
    } finally {
      detail.remove.disabled = false;
    }
  });
  filters.addEventListener('change', () => { shown = PAGE; render(); });
  more.addEventListener('click', () => { shown += PAGE; render(); });

  return {
    /** Reads the list again now (the drawings changed, or the page (re)connected). */
    refresh,
    /** Another model now answers (an epoch of the live run): read the answers again, at most every few seconds. */
    modelChanged() {
      if (timer !== null || drawings.length === 0) return;
      const wait = Math.max(0, lastRead + REREAD_MS - Date.now());
      timer = setTimeout(() => { timer = null; refresh(); }, wait);
    },
  };
}
