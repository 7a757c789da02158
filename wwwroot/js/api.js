// REST calls of docs/CONTRACTS.md. Every call sends X-Admin-Key when the user filled the key;
// failures become ApiError carrying the ProblemDetails (title, detail, errors per field).

const KEY_STORAGE = 'webnet.adminKey';

export function getAdminKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function setAdminKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key); else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage can be disabled (private mode); the key then lives only for this call.
  }
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(ApiError.describe(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
  }

  /** Field name -> messages, from a ValidationProblem. */
  get fieldErrors() {
    return this.problem.errors ?? {};
  }

  static describe(status, problem) {
    if (status === 401) return 'This action needs the admin key (fill it in under “Start a new run”).';
    if (status === 403) return 'The admin key is wrong.';
    const text = problem?.detail || problem?.title;
    return text ? text : `The server answered ${status}.`;
  }
}

async function request(method, url, { json, body, contentType } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const key = getAdminKey();
  if (key) headers['X-Admin-Key'] = key;
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: payload });
  } catch (error) {
    throw new ApiError(0, { title: `The server cannot be reached (${error.message}).` });
  }
  const type = response.headers.get('Content-Type') ?? '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const getTraining = () => request('GET', '/api/training');
export const startTraining = options => request('POST', '/api/training/start', { json: options });
// Control calls say application/json even with no body: the server refuses other types (a form on another site cannot send it).
export const controlTraining = action =>
  request('POST', `/api/training/${encodeURIComponent(action)}`, { contentType: 'application/json' });
/** GET /api/presets: { seed: TrainingOptionsDto, fast: ..., robust: ... }. */
export const getPresets = () => request('GET', '/api/presets');
export const getHistory = () => request('GET', '/api/training/history');
export const getRuns = () => request('GET', '/api/runs');
export const getRunHistory = id => request('GET', `/api/runs/${encodeURIComponent(id)}/history`);
export const getRunWeights = (id, epoch) =>
  request('GET', `/api/runs/${encodeURIComponent(id)}/epochs/${encodeURIComponent(epoch)}/weights`);

/** preprocess, off (hidden neurons to switch off), compare (a second mode for the same drawing), run (a finished run's model). */
const drawingQuery = (preprocess, off = [], { compare, run } = {}) => [
  `preprocess=${encodeURIComponent(preprocess)}`,
  off.length ? `off=${off.join(',')}` : '',
  compare ? `compare=${encodeURIComponent(compare)}` : '',
  run ? `run=${encodeURIComponent(run)}` : '',
].filter(Boolean).join('&');

/** POST /api/classify with the canvas PNG as the raw body. */
export const classify = (png, preprocess, off, more) =>
  request('POST', `/api/classify?${drawingQuery(preprocess, off, more)}`, { body: png, contentType: 'image/png' });

/** POST /api/insight/explain: classify's answer plus hidden activations and per-pixel contributions (and compare's answer). */
export const explain = (png, preprocess, off, more) =>
  request('POST', `/api/insight/explain?${drawingQuery(preprocess, off, more)}`, { body: png, contentType: 'image/png' });

/** PUT /api/model with the chosen model JSON file as the body. */
export const importModel = file => request('PUT', '/api/model', { body: file, contentType: 'application/json' });

/** POST /api/drawings?label=N: keeps the drawing (the same PNG and query the panel classified with) as a digit it really is. */
export const labelDrawing = (png, label, preprocess, { run } = {}) =>
  request('POST', `/api/drawings?label=${encodeURIComponent(label)}&${drawingQuery(preprocess, [], { run })}`, { body: png, contentType: 'image/png' });

/** GET /api/drawings: every labelled drawing, oldest first, with the current model's answer (currentAnswer) when one can answer. */
export const getDrawings = () => request('GET', '/api/drawings');

/** GET /api/drawings/{id}: the drawing, the 28x28 input the network saw, and the current model's digit and probabilities. */
export const getDrawing = id => request('GET', `/api/drawings/${encodeURIComponent(id)}`);

/** DELETE /api/drawings/{id}: a control call (JSON content type, the admin key when one is set). */
export const deleteDrawing = id =>
  request('DELETE', `/api/drawings/${encodeURIComponent(id)}`, { contentType: 'application/json' });
