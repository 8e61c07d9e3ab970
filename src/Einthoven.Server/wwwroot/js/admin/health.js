// The server's health: database, analysis worker, queue, version, uptime and free disk, with what is wrong if anything.
import { get } from '../core/api.js';
import { h, message } from '../core/dom.js';
import { ago, bytes, dateTime, duration, number, utc } from '../core/format.js';

export async function render(section) {
  const s = await get('/api/admin/health');
  const row = (name, value) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, value));
  const yes = (ok, good, bad) => h('span', { class: ok ? 'badge ok' : 'badge bad' }, ok ? good : bad);
  section.append(
    s.status === 'ok' ? message('success', 'All is well.')
      : h('div', { class: 'message error', role: 'alert' }, h('strong', {}, 'Degraded: '), s.problems.join('; ')),
    h('div', { class: 'card health', dataset: { status: s.status } },
      h('table', { class: 'kv' }, h('tbody', {},
        row('Database', [yes(s.database.reachable, 'reachable', 'unreachable'), s.database.provider === 'Postgres' ? ' PostgreSQL' : ' SQLite']),
        row('Analysis worker', s.worker.running ? yes(true, 'running', '') : yes(false, '', s.worker.enabled ? 'stopped' : 'not in this process')),
        row('Last heartbeat', s.worker.lastHeartbeat ? `${ago(utc(s.worker.lastHeartbeat))} (${dateTime(utc(s.worker.lastHeartbeat))})` : 'never'),
        row('Queue', s.queue ? `${number(s.queue.queued)} queued, ${number(s.queue.running)} running` +
          (s.queue.oldestQueuedAt ? `, oldest since ${dateTime(utc(s.queue.oldestQueuedAt))}` : '') : 'unknown'),
        row('Version', h('code', {}, s.version)),
        row('Up for', `${duration(s.uptimeSeconds)} (since ${dateTime(utc(s.startedAt))})`),
        row('Data folder disk', s.disk ? `${bytes(s.disk.freeBytes)} free of ${bytes(s.disk.totalBytes)}` : 'unknown')))));
}
