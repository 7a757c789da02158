// The SignalR connection to /hubs/training. The client library and its MessagePack protocol are the npm dist
// files served at /lib/signalr.min.js and /lib/signalr-protocol-msgpack.min.js (classic scripts that define
// signalR and signalR.protocols.msgpack); this module is their only reader.
// The server sends RunState and History to every new connection, so after a reconnect the page
// redraws from them without asking.

import { getAdminKey } from './api.js';

const RETRY_CAP_MS = 10000;

/**
 * MessagePack carries the server's C# member names (RunId, TestAccuracy); JSON carries camelCase. Messages are
 * turned into the JSON shape the page reads; byte arrays (the weights) are left as they are.
 */
function camelCase(value) {
  if (Array.isArray(value)) return value.map(camelCase);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key.charAt(0).toLowerCase() + key.slice(1)] = camelCase(inner);
  }
  return out;
}

/** Retries forever: 0, 1, 2, 4, 8, then every 10 seconds. */
const retryPolicy = {
  nextRetryDelayInMilliseconds: context => Math.min(RETRY_CAP_MS, context.previousRetryCount === 0 ? 0 : 1000 * 2 ** (context.previousRetryCount - 1)),
};

/**
 * @param {{onRunState:Function, onHistory:Function, onEpoch:Function, onProgress:Function, onDrawingsChanged:Function,
 *          onConnection:(state:'connecting'|'connected'|'reconnecting'|'disconnected', detail?:string)=>void}} handlers
 */
export function createHub(handlers) {
  const signalR = globalThis.signalR;
  if (!signalR) {
    handlers.onConnection('disconnected', 'The SignalR client (/lib/signalr.min.js) did not load; the build copies it from npm.');
    return { connect: async () => {}, reconnect: async () => {} };
  }
  let connection = null;
  let retryTimer = null;
  let generation = 0;

  function build() {
    const key = getAdminKey();
    // The key as SignalR's access token: a Bearer header on negotiate and long polling; a browser's WebSocket
    // cannot carry headers, so there the client puts it in access_token, which the server keeps out of its logs.
    let builder = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/training', key ? { headers: { 'X-Admin-Key': key }, accessTokenFactory: () => key } : {})
      .withAutomaticReconnect(retryPolicy)
      .configureLogging(signalR.LogLevel.None);
    // MessagePack when its script loaded: an epoch's weights arrive as bytes, not base64 inside JSON.
    const msgpack = signalR.protocols?.msgpack?.MessagePackHubProtocol;
    if (msgpack) builder = builder.withHubProtocol(new msgpack());
    const built = builder.build();
    built.on('RunState', dto => handlers.onRunState(camelCase(dto)));
    built.on('History', dto => handlers.onHistory(camelCase(dto)));
    built.on('EpochCompleted', dto => handlers.onEpoch(camelCase(dto)));
    built.on('EpochProgress', dto => handlers.onProgress(camelCase(dto)));
    built.on('DrawingsChanged', dto => handlers.onDrawingsChanged(camelCase(dto)));
    built.onreconnecting(error => handlers.onConnection('reconnecting', error?.message));
    built.onreconnected(() => handlers.onConnection('connected'));
    return built;
  }

  async function start(attempt, mine) {
    if (mine !== generation) return;
    handlers.onConnection(attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      await connection.start();
      if (mine === generation) handlers.onConnection('connected');
    } catch (error) {
      if (mine !== generation) return;
      handlers.onConnection('disconnected', error?.message);
      retryTimer = setTimeout(() => start(attempt + 1, mine), retryPolicy.nextRetryDelayInMilliseconds({ previousRetryCount: attempt + 1 }));
    }
  }

  async function connect() {
    clearTimeout(retryTimer);
    const mine = ++generation;
    const old = connection;
    if (old) await old.stop().catch(() => {});
    connection = build();
    // Automatic reconnect gives up only when told to stop; a close then starts over.
    connection.onclose(error => {
      if (mine !== generation) return;
      handlers.onConnection('disconnected', error?.message);
      retryTimer = setTimeout(() => start(1, mine), RETRY_CAP_MS / 5);
    });
    await start(0, mine);
  }

  return {
    connect,
    /** Reconnects with the current admin key (a connection keeps the key it started with). */
    reconnect: connect,
  };
}
