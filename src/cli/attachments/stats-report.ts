/**
 * The figures `attachments stats` reports, computed from the listed attachments and their historical
 * versions: no I/O here, so the numbers are checked directly against what was uploaded.
 */
import type { Attachment } from '../../client/index.ts';
import { isoOf } from '../toolkit/format.ts';

/** A historical (not current) version's size and upload time. */
export interface HistoricalVersion {
  attachmentId: string;
  number: number;
  sizeBytes: number;
  createdAtMs: number;
}

export interface StatsReport {
  generatedAt: string;
  totals: {
    attachments: number;
    pages: number;
    currentBytes: number;
    /** null when versions were not read (--no-versions). */
    historicalVersions: number | null;
    historicalBytes: number | null;
    /** Current plus historical bytes: what the attachments take on the server. */
    totalBytes: number;
  };
  byMediaType: Array<{ mediaType: string; attachments: number; bytes: number }>;
  byPage: Array<{
    containerId: string;
    title: string;
    attachments: number;
    bytes: number;
    historicalBytes: number | null;
  }>;
  largest: Array<{
    id: string;
    containerId: string;
    title: string;
    mediaType: string;
    sizeBytes: number;
    versionNumber: number;
    modifiedAt: string;
  }>;
  versionOverhead: {
    historicalVersions: number;
    bytes: number;
    /** Historical bytes as a share of all bytes, 0..1. */
    share: number;
    attachments: Array<{
      id: string;
      containerId: string;
      title: string;
      versions: number;
      historicalBytes: number;
    }>;
  } | null;
  /** By calendar month (UTC) of upload: every version counts in the month it was uploaded. */
  growth: Array<{
    month: string;
    attachmentsCreated: number;
    versionsUploaded: number;
    bytesUploaded: number;
    cumulativeBytes: number;
  }>;
}

const monthOf = (ms: number) => isoOf(ms).slice(0, 7);

function bump<K, V>(map: Map<K, V>, key: K, initial: () => V, change: (value: V) => void) {
  let value = map.get(key);
  if (value === undefined) {
    value = initial();
    map.set(key, value);
  }
  change(value);
}

export function computeStats(
  attachments: readonly Attachment[],
  /** undefined: versions were not read. */
  historical: readonly HistoricalVersion[] | undefined,
  pageTitles: ReadonlyMap<string, string>,
  options: { top: number; nowMs: number },
): StatsReport {
  const currentBytes = attachments.reduce((sum, attachment) => sum + attachment.sizeBytes, 0);
  const historicalBytes = historical?.reduce((sum, version) => sum + version.sizeBytes, 0);
  const byId = new Map(attachments.map((attachment) => [attachment.id, attachment]));

  const mediaTypes = new Map<string, { mediaType: string; attachments: number; bytes: number }>();
  const pages = new Map<string, StatsReport['byPage'][number]>();
  for (const attachment of attachments) {
    bump(
      mediaTypes,
      attachment.mediaType,
      () => ({ mediaType: attachment.mediaType, attachments: 0, bytes: 0 }),
      (entry) => {
        entry.attachments += 1;
        entry.bytes += attachment.sizeBytes;
      },
    );
    bump(
      pages,
      attachment.containerId,
      () => ({
        containerId: attachment.containerId,
        title: pageTitles.get(attachment.containerId) ?? '',
        attachments: 0,
        bytes: 0,
        historicalBytes: historical ? 0 : null,
      }),
      (entry) => {
        entry.attachments += 1;
        entry.bytes += attachment.sizeBytes;
      },
    );
  }

  const overhead = new Map<string, { versions: number; historicalBytes: number }>();
  for (const version of historical ?? []) {
    const attachment = byId.get(version.attachmentId);
    if (!attachment) continue;
    const page = pages.get(attachment.containerId);
    if (page) page.historicalBytes = (page.historicalBytes ?? 0) + version.sizeBytes;
    bump(
      overhead,
      attachment.id,
      () => ({ versions: 0, historicalBytes: 0 }),
      (entry) => {
        entry.versions += 1;
        entry.historicalBytes += version.sizeBytes;
      },
    );
  }

  const months = new Map<string, StatsReport['growth'][number]>();
  const monthAt = (ms: number) => {
    const month = monthOf(ms);
    let entry = months.get(month);
    if (entry === undefined) {
      entry = { month, attachmentsCreated: 0, versionsUploaded: 0, bytesUploaded: 0, cumulativeBytes: 0 };
      months.set(month, entry);
    }
    return entry;
  };
  const uploaded = (ms: number, bytes: number) => {
    const entry = monthAt(ms);
    entry.versionsUploaded += 1;
    entry.bytesUploaded += bytes;
  };
  for (const attachment of attachments) {
    uploaded(attachment.modifiedAtMs, attachment.sizeBytes);
    monthAt(attachment.createdAtMs).attachmentsCreated += 1;
  }
  for (const version of historical ?? []) uploaded(version.createdAtMs, version.sizeBytes);
  const growth = [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  let running = 0;
  for (const month of growth) {
    running += month.bytesUploaded;
    month.cumulativeBytes = running;
  }

  const bySize = [...attachments].sort((a, b) => b.sizeBytes - a.sizeBytes || a.id.localeCompare(b.id));
  const totalBytes = currentBytes + (historicalBytes ?? 0);
  return {
    generatedAt: isoOf(options.nowMs),
    totals: {
      attachments: attachments.length,
      pages: pages.size,
      currentBytes,
      historicalVersions: historical ? historical.length : null,
      historicalBytes: historicalBytes ?? null,
      totalBytes,
    },
    byMediaType: [...mediaTypes.values()].sort(
      (a, b) => b.bytes - a.bytes || a.mediaType.localeCompare(b.mediaType),
    ),
    byPage: [...pages.values()].sort(
      (a, b) => b.bytes - a.bytes || a.containerId.localeCompare(b.containerId),
    ),
    largest: bySize.slice(0, options.top).map((attachment) => ({
      id: attachment.id,
      containerId: attachment.containerId,
      title: attachment.title,
      mediaType: attachment.mediaType,
      sizeBytes: attachment.sizeBytes,
      versionNumber: attachment.versionNumber,
      modifiedAt: isoOf(attachment.modifiedAtMs),
    })),
    versionOverhead: historical
      ? {
          historicalVersions: historical.length,
          bytes: historicalBytes ?? 0,
          share: totalBytes === 0 ? 0 : (historicalBytes ?? 0) / totalBytes,
          attachments: [...overhead.entries()]
            .map(([id, entry]) => {
              const attachment = byId.get(id);
              return {
                id,
                containerId: attachment?.containerId ?? '',
                title: attachment?.title ?? '',
                versions: entry.versions,
                historicalBytes: entry.historicalBytes,
              };
            })
            .sort((a, b) => b.historicalBytes - a.historicalBytes || a.id.localeCompare(b.id))
            .slice(0, options.top),
        }
      : null,
    growth,
  };
}
