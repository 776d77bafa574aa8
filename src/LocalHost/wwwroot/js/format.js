// Dates and sizes in the user's language, in the PC's local time zone.

import { getLang } from './i18n.js';

const LOCALES = { ja: 'ja-JP', en: 'en-GB' };

function locale() {
  return LOCALES[getLang()];
}

function toDate(value) {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(value) {
  const date = toDate(value);
  if (!date) return '';
  const options = getLang() === 'ja'
    ? { year: 'numeric', month: '2-digit', day: '2-digit' }
    : { year: 'numeric', month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(locale(), options).format(date);
}

export function formatDateTime(value) {
  const date = toDate(value);
  if (!date) return '';
  const options = getLang() === 'ja'
    ? { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }
    : { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' };
  return new Intl.DateTimeFormat(locale(), options).format(date);
}

export function formatBytes(bytes) {
  const value = Math.max(0, Number(bytes) || 0);
  const [amount, unit] = value >= 1024 * 1024
    ? [value / (1024 * 1024), 'megabyte']
    : [value / 1024, 'kilobyte'];
  return new Intl.NumberFormat(locale(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(amount);
}

export function isFuture(value, now = new Date()) {
  const date = toDate(value);
  return date !== null && date > now;
}
