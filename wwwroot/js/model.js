// Model download (a plain link to GET /api/model) and import (PUT /api/model with the chosen file).

import { importModel } from './api.js';
import { formatInteger, formatPercent } from './format.js';

/** @param {{onImported: (summary: object) => void}} handlers told of each successful import */
export function createModelPanel({ onImported }) {
  const $ = id => document.getElementById(id);
  const form = $('import-form');
  const file = $('model-file');
  const button = $('import-button');
  const result = $('import-result');
  const error = $('import-error');

  file.addEventListener('change', () => {
    button.disabled = file.files.length === 0;
    error.textContent = '';
    result.textContent = '';
  });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    button.disabled = true;
    error.textContent = '';
    result.textContent = 'Importing…';
    try {
      // ModelSummaryDto: { source, format, shape, parameters, epochs, testAccuracy }
      const answer = await importModel(chosen);
      const facts = [
        answer?.shape,
        Number.isFinite(answer?.parameters) ? `${formatInteger(answer.parameters)} parameters` : null,
        Number.isFinite(answer?.testAccuracy) ? `test accuracy ${formatPercent(answer.testAccuracy)}` : null,
      ].filter(Boolean);
      result.textContent = `Imported ${chosen.name}${facts.length ? ` (${facts.join(', ')})` : ''}. Drawings are now classified with it.`;
      onImported(answer);
    } catch (failure) {
      result.textContent = '';
      const details = Object.entries(failure.fieldErrors ?? {}).map(([k, v]) => `${k}: ${[v].flat().join(' ')}`);
      error.textContent = [failure.message, ...details].join(' ');
    } finally {
      button.disabled = file.files.length === 0;
    }
  });
}
