// The run status panel: state badge, "epoch N / M", progress within the epoch, backend, device,
// speed, and the server's message (for example why a run diverged).

import { formatInteger, formatNumber, formatPercent, formatSeconds } from './format.js';
import { setText } from './dom.js';

const STATE_TEXT = {
  idle: 'idle', running: 'running', paused: 'paused', completed: 'completed',
  stopped: 'stopped', diverged: 'diverged', failed: 'failed',
};

export function createStatus() {
  const $ = id => document.getElementById(id);
  const ui = {
    badge: $('state-badge'), counter: $('epoch-counter'), run: $('run-label'),
    progress: $('epoch-progress'), progressText: $('progress-text'), message: $('run-message'),
    accuracy: $('fact-accuracy'), loss: $('fact-loss'), speed: $('fact-speed'), seconds: $('fact-seconds'),
    backend: $('fact-backend'), device: $('fact-device'), connection: $('connection'),
  };
  let completed = 0;
  let planned = 0;
  let state = 'idle';

  const counter = () => setText(ui.counter, `epoch ${completed} / ${planned}`);

  return {
    renderState(dto) {
      state = dto.state;
      completed = dto.epoch ?? 0;
      planned = dto.epochs ?? 0;
      counter();
      setText(ui.badge, STATE_TEXT[dto.state] ?? dto.state);
      ui.badge.dataset.state = dto.state;
      setText(ui.run, dto.runId !== null && dto.runId !== undefined
        ? `run ${dto.runId}${dto.options?.preset ? ` · preset ${dto.options.preset}` : ''}`
        : 'no run yet');
      setText(ui.backend, dto.backend || '–');
      setText(ui.device, dto.device || '–');
      setText(ui.message, dto.message ?? '');
      ui.message.hidden = !dto.message;
      ui.message.dataset.state = dto.state;
      if (dto.state !== 'running' && dto.state !== 'paused') {
        ui.progress.value = dto.state === 'completed' ? 1 : 0;
        setText(ui.progressText, '–');
      }
    },
    /** A completed epoch, or the last one of a History. */
    renderEpoch(epoch) {
      if (!epoch) return;
      completed = Math.max(completed, epoch.epoch);
      counter();
      setText(ui.accuracy, formatPercent(epoch.testAccuracy));
      setText(ui.loss, formatNumber(epoch.trainLoss, 4));
      setText(ui.speed, epoch.samplesPerSecond ? `${formatInteger(epoch.samplesPerSecond)} /s` : '–');
      setText(ui.seconds, epoch.epoch === 0 ? 'untrained (epoch 0)' : formatSeconds(epoch.seconds));
      if (state === 'running') {
        ui.progress.value = 0;
        setText(ui.progressText, `epoch ${epoch.epoch + 1}: starting`);
      }
    },
    renderProgress(progress) {
      if (!progress.batches) return;
      ui.progress.value = progress.batch / progress.batches;
      setText(ui.progressText, `epoch ${progress.epoch}: batch ${formatInteger(progress.batch)} / ${formatInteger(progress.batches)}`);
    },
    renderConnection(connection, detail) {
      const text = {
        connecting: 'Connecting…',
        connected: 'Live',
        reconnecting: 'Reconnecting…',
        disconnected: 'Offline, retrying',
      }[connection];
      setText(ui.connection, text);
      ui.connection.dataset.state = connection;
      ui.connection.title = detail ?? '';
    },
  };
}
