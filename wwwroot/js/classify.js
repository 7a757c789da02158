// The drawing panel: the pad, "What did I draw?" (one request: explain with the chosen preprocessing,
// mnist or stroke, and compare=none, so the server decodes the PNG once), the answer with probability
// bars (or "Not sure: 4 or 9?"), and the 28x28 input the network saw for each; with preprocessing also
// why (explain.js). Answers come from the chosen model, with the Insight panel's neurons switched off; after one,
// the person can say whether it was right, which keeps the drawing (label.js).

import { drawInput, renderBars } from './answer.js';
import { explain } from './api.js';
import { createExplanation } from './explain.js';
import { createLabelling } from './label.js';
import { createModelChoice } from './model-choice.js';
import { createPad } from './pad.js';
import { formatPercent } from './format.js';

/** What preprocess=stroke did, in words; '' for the other modes. */
function describeSteps(steps) {
  if (!steps) return '';
  const specks = steps.specksRemoved === 0 ? 'no specks' : `${steps.specksRemoved} speck${steps.specksRemoved === 1 ? '' : 's'} (${steps.pixelsRemoved} px) left out`;
  const degrees = k => Math.abs(Math.atan(k) * 180 / Math.PI).toFixed(0);
  const slant = steps.slantCorrection === 0 ? 'slant kept' : `straightened ${degrees(steps.slantCorrection)}° ${steps.slantCorrection > 0 ? 'to the right' : 'to the left'}`;
  return `Stroke: ${specks}; pen ${steps.strokeWidth.toFixed(2)} px wide in 28×28, ${steps.adjustment >= 0 ? 'widened' : 'narrowed'} to MNIST's ${steps.targetStrokeWidth.toFixed(2)}; ${slant}.`;
}

function renderResult(article, result) {
  const digit = article.querySelector('.digit');
  const confidence = article.querySelector('.confidence');
  const bars = article.querySelector('.bars');
  const preview = article.querySelector('.preview');
  article.dataset.state = result ? 'answered' : 'empty';
  if (!result) {
    delete article.dataset.unsure;
    const steps = article.querySelector('.steps');
    if (steps) steps.textContent = '';
    digit.textContent = '?';
    confidence.textContent = '';
    bars.replaceChildren();
    preview.getContext('2d').clearRect(0, 0, 28, 28);
    return;
  }
  digit.textContent = String(result.digit);
  // An unsure answer (server rule: top under 50 % or the runner-up at least half of it) is shown as a question.
  article.dataset.unsure = String(Boolean(result.unsure));
  confidence.textContent = result.unsure
    ? `Not sure: ${result.digit} or ${result.runnerUp}? (${formatPercent(result.confidence, 0)} / ${formatPercent(result.runnerUpProbability, 0)})`
    : `${formatPercent(result.confidence, 1)} sure`;
  const steps = article.querySelector('.steps');
  if (steps) steps.textContent = describeSteps(result.steps);
  renderBars(bars, result.probabilities, result.digit);
  drawInput(preview, result.input);
}

/** @param {{onLabelled: (drawing: object) => void}} handlers: a drawing was kept with its label (label.js). */
export function createClassifier({ onLabelled }) {
  const $ = id => document.getElementById(id);
  const button = $('classify-button');
  const error = $('classify-error');
  const mnist = $('result-mnist');
  const none = $('result-none');
  const explanation = createExplanation(mnist);
  const preprocess = $('classify-preprocess');
  const model = createModelChoice($('classify-model'), $('classify-model-name'), { name: $('answering-name'), warning: $('answering-warning') });
  const labelling = createLabelling({ onLabelled });
  let busy = false;
  let off = [];

  const penWidth = $('pen-width');
  const penWidthValue = $('pen-width-value');
  penWidth.addEventListener('input', () => { penWidthValue.textContent = `${penWidth.value} px`; });
  const pad = createPad($('pad'), () => {
    error.textContent = '';
    labelling.withdraw();
    button.disabled = busy || pad.isEmpty();
  }, penWidth);
  button.disabled = true;

  $('clear-button').addEventListener('click', () => {
    pad.clear();
    renderResult(mnist, null);
    renderResult(none, null);
    explanation.show(null);
    model.show(null);
  });

  button.addEventListener('click', async () => {
    if (pad.isEmpty()) {
      error.textContent = 'Draw a digit first.';
      return;
    }
    busy = true;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    error.textContent = '';
    try {
      const png = await pad.toPng();
      const asked = { preprocess: preprocess.value, run: model.run() };
      const answer = await explain(png, asked.preprocess, off, { compare: 'none', run: asked.run });
      renderResult(mnist, answer);
      renderResult(none, answer.compare);
      explanation.show(answer);
      model.show(answer.model);
      labelling.offer({ png, ...asked, digit: answer.digit });
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      busy = false;
      button.disabled = pad.isEmpty();
      button.removeAttribute('aria-busy');
    }
  });

  return {
    /** The model choice (model-choice.js): the live run's facts go in, "Use this model" goes through it. */
    model,
    /** The hidden neurons to answer without (the Insight panel's ablation), sorted. */
    setOff(neurons) {
      off = [...neurons].sort((a, b) => a - b);
      const note = $('classify-off');
      note.hidden = off.length === 0;
      note.textContent = `${off.length} hidden neuron${off.length === 1 ? ' is' : 's are'} off (set in Insight): ${off.join(', ')}. Answers are without ${off.length === 1 ? 'it' : 'them'}.`;
    },
  };
}
