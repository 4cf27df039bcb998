/** ISO-8601 UTC with milliseconds and `Z`, as every Confluence surface writes timestamps. */
export const isoOf = (ms: number) => new Date(ms).toISOString();

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Confluence's `friendlyWhen`: relative for the last day, a date after that. */
export function friendlyWhen(ms: number, nowMs: number): string {
  const minutes = Math.floor((nowMs - ms) / 60_000);
  if (minutes < 1) return 'just a moment ago';
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? 'about an hour ago' : `${hours} hours ago`;
  const date = new Date(ms);
  return `${months[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}
