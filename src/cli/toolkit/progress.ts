/**
 * Progress on stderr while a long operation runs: items and bytes done of their totals, the rate and the
 * time left. Drawn only on a terminal and never with --json, so scripts and logs see only the results.
 */
import { SingleBar } from 'cli-progress';
import { formatBytes } from './format.ts';
import type { ToolkitContext } from './toolkit-context.ts';

export interface Totals {
  items: number;
  bytes: number;
}

export interface Progress {
  /** Totals known: a bar. Without totals: a running count (while listing). */
  start(totals?: Totals): void;
  /** One item finished, whatever its outcome. */
  item(): void;
  /** Bytes moved; negative when a partial transfer was thrown away. */
  bytes(count: number): void;
  stop(): void;
}

export interface ProgressOptions {
  enabled: boolean;
  stream: NodeJS.WriteStream | undefined;
  nowMs(): number;
}

/** Shows nothing: for --json, pipes and files. */
const silent: Progress = { start() {}, item() {}, bytes() {}, stop() {} };

export function createProgress(label: string, options: ProgressOptions): Progress {
  const stream = options.stream;
  if (!options.enabled || !stream?.isTTY) return silent;
  let bar: SingleBar | undefined;
  let totals: Totals | undefined;
  let items = 0;
  let bytes = 0;
  let startedMs = options.nowMs();
  const payload = () => {
    const seconds = Math.max((options.nowMs() - startedMs) / 1000, 0.001);
    const byBytes = totals !== undefined && totals.bytes > 0;
    return {
      label,
      items: totals ? `${items}/${totals.items}` : String(items),
      bytes: totals ? `${formatBytes(bytes)}/${formatBytes(totals.bytes)}` : formatBytes(bytes),
      rate: byBytes ? `${formatBytes(bytes / seconds)}/s` : `${(items / seconds).toFixed(1)} items/s`,
    };
  };
  const value = () => (totals && totals.bytes > 0 ? bytes : items);
  return {
    start(known) {
      totals = known;
      startedMs = options.nowMs();
      const format = known
        ? '{label} [{bar}] {percentage}% | {items} items | {bytes} | {rate} | ETA {eta_formatted}'
        : '{label} {items} found | {rate}';
      bar = new SingleBar({
        format,
        stream,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
        fps: 8,
      });
      bar.start(known ? Math.max(known.bytes > 0 ? known.bytes : known.items, 1) : 1, 0, payload());
    },
    item() {
      items += 1;
      bar?.update(value(), payload());
    },
    bytes(count) {
      bytes += count;
      bar?.update(value(), payload());
    },
    stop() {
      bar?.update(value(), payload());
      bar?.stop();
      bar = undefined;
    },
  };
}

/** Progress bars for a command's phases (`Listing`, `Deleting`), drawn unless its output is JSON. */
export const progressFor =
  (toolkit: Pick<ToolkitContext, 'progressStream' | 'nowMs'>, json: boolean | undefined) =>
  (label: string): Progress =>
    createProgress(label, { enabled: json !== true, stream: toolkit.progressStream, nowMs: toolkit.nowMs });

/**
 * A bar per phase of a site-wide command (`migrate-site`, `site-backup`, `site-restore`), started on the
 * phase's totals, unless its output is JSON. An empty phase (a site without blobs) draws nothing rather
 * than a bar stuck at 0 %.
 */
export const phasesFor =
  (stream: NodeJS.WriteStream | undefined, json: boolean | undefined) =>
  (label: string, totals: Totals): Progress => {
    const progress = createProgress(label, {
      enabled: json !== true && totals.items > 0,
      stream,
      nowMs: Date.now,
    });
    progress.start(totals);
    return progress;
  };
