// The live hub (/hubs/live, SignalR over a same-origin WebSocket with the session cookie): the organisation's alerts as
// they are raised, and the samples of the patients this page watches. It reconnects by itself and watches them again.
import { signalR } from '../core/vendor.js';

/**
 * @param {{ onAlert?: (a: import('../core/types.js').AlertView) => void,
 *           onSamples?: (s: import('../core/types.js').LiveSamplesView) => void,
 *           onState?: (state: 'connected' | 'reconnecting' | 'disconnected') => void }} handlers
 */
export async function connectLive({ onAlert, onSamples, onState }) {
  const lib = await signalR();
  // Warnings, not errors, on the console: a dropped connection is expected and the page says so.
  const logger = { log: (level, text) => { if (level >= lib.LogLevel.Warning) console.warn(`live: ${text}`); } };
  const connection = new lib.HubConnectionBuilder().withUrl('/hubs/live')
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000, 30000]).configureLogging(logger).build();
  const watching = new Set();
  let stopped = false;
  connection.on('alert', alert => onAlert?.(alert));
  connection.on('samples', samples => onSamples?.(samples));
  connection.onreconnecting(() => onState?.('reconnecting'));
  connection.onreconnected(async () => {
    onState?.('connected');
    for (const id of watching) await connection.invoke('Watch', id).catch(() => {});
  });
  connection.onclose(() => { if (!stopped) onState?.('disconnected'); });
  await connection.start();
  onState?.('connected');
  return {
    /** Starts the patient's samples; false when the server refuses (not a patient of the organisation). */
    async watch(patientId) {
      watching.add(patientId);
      return connection.state === lib.HubConnectionState.Connected ? connection.invoke('Watch', patientId) : false;
    },
    async unwatch(patientId) {
      watching.delete(patientId);
      if (connection.state === lib.HubConnectionState.Connected) await connection.invoke('Unwatch', patientId).catch(() => {});
    },
    stop() { stopped = true; return connection.stop(); },
  };
}
