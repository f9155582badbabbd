// Formatting for money, IBANs, dates and relative times, in the browser's locale.

const locale = undefined; // the user's locale

export function money(amount, currency) {
  if (amount === null || amount === undefined) return '—';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'EUR', currencyDisplay: 'symbol' }).format(amount);
  } catch {
    // An unknown currency code: show the number and the code as given.
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(amount)} ${currency ?? ''}`.trim();
  }
}

/** "GL3500000000000234" → "GL35 •••• 0234". */
export function maskIban(iban) {
  if (!iban) return '';
  const compact = String(iban).replace(/\s+/g, '').toUpperCase();
  if (compact.length <= 8) return compact;
  return `${compact.slice(0, 4)} •••• ${compact.slice(-4)}`;
}

const DAY = 86_400_000;

export function daysUntil(instant, now = Date.now()) {
  return Math.ceil((Date.parse(instant) - now) / DAY);
}

export function date(value) {
  if (!value) return '';
  // Plain dates (YYYY-MM-DD) are calendar dates: format them without shifting through time zones.
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = plain ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: plain ? 'UTC' : undefined }).format(parsed);
}

export function dateTime(value) {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

const relativeUnits = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "in 3 days", "just now". */
export function relative(value, now = Date.now()) {
  const diff = Date.parse(value) - now;
  const formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of relativeUnits) {
    if (Math.abs(diff) >= size) return formatter.format(Math.round(diff / size), unit);
  }
  return 'just now';
}

/** Up to two initials of an institution name, for the logo fallback. */
export function initials(name) {
  const words = String(name ?? '').replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase();
  return (words[0][0] + words[1][0]).toUpperCase();
}

/** A stable colour slot (0–7) per name, so each bank's fallback logo keeps its colour. */
export function colourSlot(name) {
  let hash = 0;
  for (const char of String(name ?? '')) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return hash % 8;
}

export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}
