import { contentTypeNoun } from '../../domain/content.ts';
import { html, type SafeHtml } from './html.ts';

/** Sizes as the browser scripts print them (web/scripts/api.js `formatBytes`): 1024-based, one unit. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A size for people, with the exact count of bytes kept for tooltips, scripts and tests. */
export const bytesCell = (bytes: number): SafeHtml =>
  html`<span data-bytes="${bytes}" title="${bytes.toLocaleString('en-US')} bytes">${formatBytes(bytes)}</span>`;

/** A moment in UTC to the minute, in a `<time>` element that carries the exact instant. */
export function timeOf(ms: number): SafeHtml {
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

/** What a reader calls the kind of an item: 'Page', 'Blog post', 'Smart Link'. */
export const typeName = contentTypeNoun;
