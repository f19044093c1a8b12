/** Display helpers of the case pages: durations and instants in the reader's language. */

export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Date and time in a time zone (the queue's calendar, or UTC), e.g. "16 feb 2026, 15:00". */
export function formatDateTime(locale: 'es' | 'en', epochMs: number, timeZone = 'UTC'): string {
  const key = `${locale}|${timeZone}`;
  let f = FORMATS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    FORMATS.set(key, f);
  }
  return f.format(epochMs);
}
