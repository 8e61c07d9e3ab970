// The server's health: database, analysis worker, queue, version, uptime and free disk, with what is wrong if anything.
import { get } from '../core/api.js';
import { h, message } from '../core/dom.js';
import { ago, bytes, dateTime, duration, number, utc } from '../core/format.js';
import { t } from '../core/i18n.js';

export async function render(section) {
  const s = await get('/api/admin/health');
  const row = (name, value) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, value));
  const yes = (ok, good, bad) => h('span', { class: ok ? 'badge ok' : 'badge bad' }, ok ? good : bad);
  section.append(
    s.status === 'ok' ? message('success', t('admin.health.ok'))
      : h('div', { class: 'message error', role: 'alert' }, h('strong', {}, `${t('admin.health.degraded')}: `), s.problems.join('; ')),
    h('div', { class: 'card health', dataset: { status: s.status } },
      h('table', { class: 'kv' }, h('tbody', {},
        row(t('admin.health.database'), [yes(s.database.reachable, t('admin.health.reachable'), t('admin.health.unreachable')), s.database.provider === 'Postgres' ? ' PostgreSQL' : ' SQLite']),
        row(t('admin.health.worker'), s.worker.running ? yes(true, t('admin.health.running'), '') : yes(false, '', t(s.worker.enabled ? 'admin.health.stopped' : 'admin.health.notHere'))),
        row(t('admin.health.heartbeat'), s.worker.lastHeartbeat ? `${ago(utc(s.worker.lastHeartbeat))} (${dateTime(utc(s.worker.lastHeartbeat))})` : t('admin.health.never')),
        row(t('admin.health.queue'), s.queue ? t('admin.health.queueCounts', { queued: number(s.queue.queued), running: number(s.queue.running) }) +
          (s.queue.oldestQueuedAt ? `, ${t('admin.health.oldest', { at: dateTime(utc(s.queue.oldestQueuedAt)) })}` : '') : t('admin.health.unknown')),
        row(t('admin.version'), h('code', {}, s.version)),
        row(t('admin.health.upFor'), t('admin.health.uptime', { duration: duration(s.uptimeSeconds), since: dateTime(utc(s.startedAt)) })),
        row(t('admin.health.disk'), s.disk ? t('admin.health.free', { free: bytes(s.disk.freeBytes), total: bytes(s.disk.totalBytes) }) : t('admin.health.unknown'))))));
}
