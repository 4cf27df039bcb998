import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { type Attachment, type ConfluenceClient, getContainer, type Selector } from '../../client/index.ts';
import { type ConnectionFlags, resolveConnection, withClient } from '../toolkit/connection-options.ts';
import { defineToolkitCommand } from '../toolkit/define-command.ts';
import { isOperationalError } from '../toolkit/exit.ts';
import { formatBytes, printable, renderTable } from '../toolkit/format.ts';
import { parseCount } from '../toolkit/parse-values.ts';
import type { Progress } from '../toolkit/progress.ts';
import { progressFor } from '../toolkit/progress.ts';
import { runPool } from '../toolkit/run-pool.ts';
import { addSelectorOptions, type SelectorFlags, selectorOf } from '../toolkit/selector-options.ts';
import { messageOf } from '../toolkit/tally.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { gatherAttachments } from './bulk-plan.ts';
import { addFilterOptions, attachmentFilterOf, type FilterFlags } from './filters.ts';
import { renderStatsHtml } from './stats-html.ts';
import { computeStats, type HistoricalVersion, type StatsReport } from './stats-report.ts';

type StatsFlags = ConnectionFlags &
  SelectorFlags &
  FilterFlags & { html?: string; top?: string; versions?: boolean };

const examples = `
Counts the current attachments the selector and filters cover, and (unless --no-versions) every
historical version of them: the version overhead is the bytes those older versions hold. Growth is by
the UTC month each version was uploaded. --html writes one self-contained file with charts (no
network needed to open it).

Examples:
  tributary attachments stats --space DOCS
  tributary attachments stats --page 123 --tree --top 20 --json > stats.json
  tributary attachments stats --space DOCS --html report.html
  tributary attachments stats --cql 'space = DOCS and type = page' --no-versions
`;

export function registerStatsCommand(attachments: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(attachments, toolkit, {
    name: 'stats',
    description: 'Totals, by media type, by page, largest files, version overhead and growth over time',
    options: [
      ['--json', 'print the figures as JSON'],
      ['--html <file>', 'also write a self-contained HTML report with charts'],
      ['--top <n>', 'how many largest files and attachments with most history to list (default 10)'],
      ['--no-versions', 'skip historical versions (faster; no version overhead)'],
      addSelectorOptions,
      addFilterOptions,
    ],
    examples,
    run: (flags: StatsFlags) => statsCommand(flags, toolkit),
  });
}

const describeSelector = (selector: Selector) =>
  selector.kind === 'page'
    ? `page ${selector.pageId}${selector.tree ? ' and the pages below it' : ''}`
    : selector.kind === 'space'
      ? `space ${selector.spaceKey}`
      : `CQL ${selector.cql}`;

async function statsCommand(flags: StatsFlags, toolkit: ToolkitContext): Promise<number> {
  const selector = selectorOf(flags);
  const keep = attachmentFilterOf(flags, toolkit.nowMs());
  const top = flags.top === undefined ? 10 : parseCount(flags.top, '--top', 1, 10_000);
  const connection = await resolveConnection(flags, toolkit);
  const progressOf = progressFor(toolkit, flags.json);
  const failures: string[] = [];
  const report = await withClient(connection, async (client) => {
    const attachments = await gatherAttachments(client, selector, ['current'], keep, progressOf('Listing'));
    const titles = await pageTitles(client, selector, attachments, connection.concurrency, failures);
    const historical =
      flags.versions === false
        ? undefined
        : await historicalVersions(
            client,
            attachments,
            connection.concurrency,
            failures,
            progressOf('Versions'),
          );
    return computeStats(attachments, historical, titles, { top, nowMs: toolkit.nowMs() });
  });
  const { io } = toolkit;
  if (flags.html !== undefined) {
    const file = path.resolve(flags.html);
    await writeFile(file, renderStatsHtml(report, describeSelector(selector)));
    if (!flags.json) io.err(`Wrote ${file}\n`);
  }
  if (flags.json) io.out(`${JSON.stringify({ ...report, failures }, null, 2)}\n`);
  else io.out(renderText(report));
  for (const failure of failures) io.err(`failed: ${failure}\n`);
  return failures.length > 0 ? 1 : 0;
}

/** Page titles for the by-page table: the container walk for page and space selectors, one read each for CQL. */
async function pageTitles(
  client: ConfluenceClient,
  selector: Selector,
  attachments: readonly Attachment[],
  concurrency: number,
  failures: string[],
): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  try {
    if (selector.kind !== 'cql') {
      for await (const container of client.listContainers(selector))
        titles.set(container.id, container.title);
    } else {
      const ids = [...new Set(attachments.map((attachment) => attachment.containerId))];
      await runPool(ids, concurrency, async (id) => {
        titles.set(id, (await getContainer(client, id)).title);
      });
    }
  } catch (error) {
    if (!isOperationalError(error)) throw error;
    failures.push(`page titles: ${messageOf(error)}`);
  }
  return titles;
}

/** Every historical version of each attachment with its size; one that cannot be read is a failure. */
async function historicalVersions(
  client: ConfluenceClient,
  attachments: readonly Attachment[],
  concurrency: number,
  failures: string[],
  progress: Progress,
): Promise<HistoricalVersion[]> {
  const versions: HistoricalVersion[] = [];
  const withHistory = attachments.filter((attachment) => attachment.versionNumber > 1);
  progress.start({ items: withHistory.length, bytes: 0 });
  try {
    await runPool(withHistory, concurrency, async (attachment) => {
      try {
        for (const version of await client.listVersions(attachment)) {
          if (version.number >= attachment.versionNumber) continue;
          const sizeBytes =
            version.sizeBytes ??
            (await client.getAttachment(attachment.id, { versionNumber: version.number })).sizeBytes;
          versions.push({
            attachmentId: attachment.id,
            number: version.number,
            sizeBytes,
            createdAtMs: version.createdAtMs,
          });
        }
      } catch (error) {
        if (!isOperationalError(error)) throw error;
        failures.push(`${attachment.containerId}/${attachment.title} (versions): ${messageOf(error)}`);
      }
      progress.item();
    });
  } finally {
    progress.stop();
  }
  return versions;
}

function renderText(report: StatsReport): string {
  const { totals } = report;
  const lines: string[] = [];
  const historical =
    totals.historicalVersions === null
      ? 'not read'
      : `${totals.historicalVersions} historical versions, ${formatBytes(totals.historicalBytes ?? 0)}`;
  lines.push(
    `${totals.attachments} attachments on ${totals.pages} pages: ${formatBytes(totals.currentBytes)} current; ${historical}; ${formatBytes(totals.totalBytes)} in all\n`,
  );
  if (report.versionOverhead) {
    lines.push(
      `Version overhead: ${(report.versionOverhead.share * 100).toFixed(1)}% of the bytes are in historical versions\n`,
    );
  }
  lines.push('\nBy media type\n');
  lines.push(
    renderTable(
      ['MEDIA TYPE', 'COUNT', 'SIZE'],
      report.byMediaType.map((entry) => [
        entry.mediaType,
        String(entry.attachments),
        formatBytes(entry.bytes),
      ]),
    ),
  );
  lines.push('\nBy page\n');
  lines.push(
    renderTable(
      ['PAGE', 'COUNT', 'SIZE', 'HISTORY', 'TITLE'],
      report.byPage.map((entry) => [
        entry.containerId,
        String(entry.attachments),
        formatBytes(entry.bytes),
        entry.historicalBytes === null ? '-' : formatBytes(entry.historicalBytes),
        printable(entry.title),
      ]),
    ),
  );
  lines.push('\nLargest files\n');
  lines.push(
    renderTable(
      ['ID', 'PAGE', 'SIZE', 'VERSION', 'NAME'],
      report.largest.map((entry) => [
        entry.id,
        entry.containerId,
        formatBytes(entry.sizeBytes),
        String(entry.versionNumber),
        printable(entry.title),
      ]),
    ),
  );
  if (report.versionOverhead && report.versionOverhead.attachments.length > 0) {
    lines.push('\nMost bytes in historical versions\n');
    lines.push(
      renderTable(
        ['ID', 'PAGE', 'VERSIONS', 'HISTORY', 'NAME'],
        report.versionOverhead.attachments.map((entry) => [
          entry.id,
          entry.containerId,
          String(entry.versions),
          formatBytes(entry.historicalBytes),
          printable(entry.title),
        ]),
      ),
    );
  }
  lines.push('\nGrowth by month\n');
  lines.push(
    renderTable(
      ['MONTH', 'NEW', 'VERSIONS', 'UPLOADED', 'TOTAL'],
      report.growth.map((entry) => [
        entry.month,
        String(entry.attachmentsCreated),
        String(entry.versionsUploaded),
        formatBytes(entry.bytesUploaded),
        formatBytes(entry.cumulativeBytes),
      ]),
    ),
  );
  return lines.join('');
}
