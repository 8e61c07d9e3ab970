// Dates, durations and numbers as people read them, in the locale of the user's language.
import { locale, t, tn } from './i18n.js';

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Elapsed time in a record: 1:05:03.250 or 05:03.250 (milliseconds only when asked). */
export function elapsed(seconds, decimals = 0) {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s - h * 3600 - m * 60;
  const sec = decimals > 0 ? rest.toFixed(decimals).padStart(3 + decimals, '0') : pad(Math.floor(rest));
  return `${sign}${h > 0 ? `${h}:${pad(m)}` : pad(m)}:${sec}`;
}

/** Parses 12, 12.5, 1:30, 1:02:03.5 into seconds; NaN when it is none of these. */
export function parseTime(text) {
  const parts = String(text).trim().split(':');
  if (parts.length === 0 || parts.length > 3 || parts.some(p => !/^\d+(\.\d+)?$/.test(p))) return NaN;
  return parts.reduce((total, p) => total * 60 + Number(p), 0);
}

export function duration(seconds) {
  if (seconds < 60) return t('units.seconds', { n: number(seconds, seconds < 10 ? 1 : 0) });
  if (seconds < 3600) return t('units.minutesSeconds', { m: Math.floor(seconds / 60), s: Math.round(seconds % 60) });
  return t('units.hoursMinutes', { h: Math.floor(seconds / 3600), m: Math.round((seconds % 3600) / 60) });
}

export const dayKey = date => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

// Uzbek month and weekday names are written here: browsers' locale data often lacks them (Chromium shows "M12").
const uzMonths = ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avgust', 'sentabr', 'oktabr', 'noyabr', 'dekabr'];
const uzDays = ['yakshanba', 'dushanba', 'seshanba', 'chorshanba', 'payshanba', 'juma', 'shanba'];
const uzbek = () => locale().startsWith('uz');

export const day = date => (uzbek()
  ? `${date.getFullYear()}-yil ${date.getDate()}-${uzMonths[date.getMonth()]}, ${uzDays[date.getDay()]}`
  : date.toLocaleDateString(locale(), { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }));

export const time = date => date.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });

export const dateTime = date => `${uzbek() ? `${date.getFullYear()}-yil ${date.getDate()}-${uzMonths[date.getMonth()]}`
  : date.toLocaleDateString(locale(), { year: 'numeric', month: 'short', day: 'numeric' })} ${time(date)}`;

/** Server dates are UTC without a zone suffix in some answers; read them as UTC. */
export function utc(text) {
  if (!text) return null;
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
}

export const number = (value, digits = 0) => Number(value).toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** "meanHeartRate" -> "Mean heart rate". */
export function label(key) {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 1536 -> "1.5 KB" (powers of 1024, as disks and databases report). */
export function bytes(value) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'].map(u => t(`units.${u}`));
  let v = Number(value);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${number(v, i === 0 || v >= 100 ? 0 : 1)} ${units[i]}`;
}

/** A past moment as "12 s ago", "5 min ago", "3 h ago". */
export function ago(date, now = new Date()) {
  const seconds = Math.max(0, (now - date) / 1000);
  if (seconds < 60) return t('units.secondsAgo', { n: Math.round(seconds) });
  if (seconds < 3600) return t('units.minutesAgo', { n: Math.round(seconds / 60) });
  if (seconds < 86400) return t('units.hoursAgo', { n: Math.round(seconds / 3600) });
  return tn('units.daysAgo', Math.round(seconds / 86400));
}
