/**
 * `attachments stats --html`: one self-contained file (no scripts, fonts or CDN), its charts drawn as
 * inline SVG here, so it opens offline and can be mailed or archived as it is.
 */
import { formatBytes } from '../toolkit/format.ts';
import type { StatsReport } from './stats-report.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

interface Bar {
  label: string;
  value: number;
  note: string;
}

/** Horizontal bars, one per row, scaled to the largest value. */
function barChart(title: string, bars: readonly Bar[]): string {
  if (bars.length === 0) return `<h2>${escapeHtml(title)}</h2><p>Nothing to show.</p>`;
  const rowHeight = 24;
  const labelWidth = 260;
  const barWidth = 420;
  const max = Math.max(...bars.map((bar) => bar.value), 1);
  const rows = bars
    .map((bar, index) => {
      const y = index * rowHeight;
      const width = Math.max(1, Math.round((bar.value / max) * barWidth));
      const label = bar.label.length > 38 ? `${bar.label.slice(0, 37)}…` : bar.label;
      return (
        `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${width}" height="${rowHeight - 8}" fill="#2f6fb3"><title>${escapeHtml(`${bar.label}: ${bar.note}`)}</title></rect>` +
        `<text x="${labelWidth + width + 6}" y="${y + 16}">${escapeHtml(bar.note)}</text>`
      );
    })
    .join('');
  const height = bars.length * rowHeight;
  return `<h2>${escapeHtml(title)}</h2><svg role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + barWidth + 160}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 160} ${height}" font-size="12" font-family="sans-serif">${rows}</svg>`;
}

/** Bytes uploaded per month as columns, with the running total as a line on the same scale. */
function growthChart(growth: StatsReport['growth']): string {
  const title = 'Growth over time';
  if (growth.length === 0) return `<h2>${title}</h2><p>Nothing to show.</p>`;
  const width = 840;
  const height = 260;
  const left = 70;
  const bottom = 40;
  const plotWidth = width - left - 20;
  const plotHeight = height - bottom - 20;
  const max = Math.max(...growth.map((month) => month.cumulativeBytes), 1);
  const step = plotWidth / growth.length;
  const y = (bytes: number) => 20 + plotHeight - (bytes / max) * plotHeight;
  const columns = growth
    .map((month, index) => {
      const x = left + index * step;
      const top = y(month.bytesUploaded);
      return (
        `<rect x="${(x + step * 0.15).toFixed(1)}" y="${top.toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${(20 + plotHeight - top).toFixed(1)}" fill="#9cc3e6"><title>${escapeHtml(`${month.month}: ${formatBytes(month.bytesUploaded)} uploaded, ${month.versionsUploaded} versions`)}</title></rect>` +
        `<text x="${(x + step / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(month.month)}</text>`
      );
    })
    .join('');
  const line = growth
    .map(
      (month, index) =>
        `${(left + index * step + step / 2).toFixed(1)},${y(month.cumulativeBytes).toFixed(1)}`,
    )
    .join(' ');
  const axis =
    `<line x1="${left}" y1="${20 + plotHeight}" x2="${width - 20}" y2="${20 + plotHeight}" stroke="#555"/>` +
    `<text x="${left - 6}" y="24" text-anchor="end">${escapeHtml(formatBytes(max))}</text>` +
    `<text x="${left - 6}" y="${20 + plotHeight}" text-anchor="end">0</text>`;
  return (
    `<h2>${title}</h2><p>Columns: bytes uploaded that month (every version). Line: the running total.</p>` +
    `<svg role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="11" font-family="sans-serif">${axis}${columns}<polyline points="${line}" fill="none" stroke="#c0392b" stroke-width="2"/></svg>`
  );
}

function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function renderStatsHtml(report: StatsReport, selection: string): string {
  const { totals } = report;
  const overhead = report.versionOverhead;
  const summary = table(
    ['measure', 'value'],
    [
      ['attachments', String(totals.attachments)],
      ['pages', String(totals.pages)],
      ['current versions', formatBytes(totals.currentBytes)],
      [
        'historical versions',
        totals.historicalVersions === null
          ? 'not read'
          : `${totals.historicalVersions} (${formatBytes(totals.historicalBytes ?? 0)})`,
      ],
      ['all versions', formatBytes(totals.totalBytes)],
      ...(overhead ? [['version overhead', `${(overhead.share * 100).toFixed(1)}%`]] : []),
    ],
  );
  const sections = [
    `<h1>Attachment statistics</h1><p>${escapeHtml(selection)} · generated ${escapeHtml(report.generatedAt)}</p>`,
    summary,
    barChart(
      'By media type (bytes)',
      report.byMediaType.slice(0, 15).map((entry) => ({
        label: entry.mediaType,
        value: entry.bytes,
        note: `${formatBytes(entry.bytes)}, ${entry.attachments}`,
      })),
    ),
    barChart(
      'By page (bytes, top 15)',
      report.byPage.slice(0, 15).map((entry) => ({
        label: entry.title ? `${entry.title} (${entry.containerId})` : entry.containerId,
        value: entry.bytes + (entry.historicalBytes ?? 0),
        note: `${formatBytes(entry.bytes)} current${entry.historicalBytes ? ` + ${formatBytes(entry.historicalBytes)} history` : ''}`,
      })),
    ),
    growthChart(report.growth),
    '<h2>Largest files</h2>',
    table(
      ['id', 'page', 'name', 'media type', 'size', 'version', 'modified'],
      report.largest.map((entry) => [
        entry.id,
        entry.containerId,
        entry.title,
        entry.mediaType,
        formatBytes(entry.sizeBytes),
        String(entry.versionNumber),
        entry.modifiedAt,
      ]),
    ),
    ...(overhead
      ? [
          '<h2>Most bytes in historical versions</h2>',
          table(
            ['id', 'page', 'name', 'historical versions', 'bytes'],
            overhead.attachments.map((entry) => [
              entry.id,
              entry.containerId,
              entry.title,
              String(entry.versions),
              formatBytes(entry.historicalBytes),
            ]),
          ),
        ]
      : []),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Attachment statistics</title>
<style>body{font-family:sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:0.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:0.25rem 0.6rem;text-align:left}th{background:#f2f2f2}svg{display:block;margin-bottom:1.5rem}</style>
</head><body>
${sections.join('\n')}
</body></html>
`;
}
