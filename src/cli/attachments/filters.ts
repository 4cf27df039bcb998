/**
 * Attachment filters shared by the commands: name and media type globs, size range, creation and
 * modification times. Globs match case-insensitively (`*.PDF` finds `report.pdf`).
 */
import type { Command } from 'commander';
import picomatch from 'picomatch';
import type { Attachment, ListableStatus } from '../../client/index.ts';
import { UsageError } from '../toolkit/exit.ts';
import { parseSize, parseWhen } from '../toolkit/parse-values.ts';

export interface FilterFlags {
  name?: string;
  mediaType?: string;
  minSize?: string;
  maxSize?: string;
  createdBefore?: string;
  createdAfter?: string;
  modifiedBefore?: string;
  modifiedAfter?: string;
  status?: string;
}

export function addFilterOptions(command: Command, options = { status: false }): Command {
  command
    .option('--name <glob>', "file names matching a glob, ignoring case, e.g. '*.png' or 'report-202?-*.pdf'")
    .option(
      '--media-type <glob>',
      "media types matching a glob, ignoring case, e.g. 'image/*' or application/pdf",
    )
    .option('--min-size <size>', 'at least this large: bytes, or 10KB, 1.5MiB…')
    .option('--max-size <size>', 'at most this large')
    .option(
      '--created-before <when>',
      'first uploaded before: 2024-01-15, 2024-01-15T12:00:00Z, or an age like 90d',
    )
    .option('--created-after <when>', 'first uploaded at or after')
    .option('--modified-before <when>', 'current version uploaded before')
    .option('--modified-after <when>', 'current version uploaded at or after');
  if (options.status) command.option('--status <status>', 'current (default), trashed or all');
  return command;
}

export function statusesOf(flags: FilterFlags): ListableStatus[] {
  switch (flags.status ?? 'current') {
    case 'current':
      return ['current'];
    case 'trashed':
      return ['trashed'];
    case 'all':
      return ['current', 'trashed'];
    default:
      throw new UsageError(`--status must be current, trashed or all, not '${flags.status}'`);
  }
}

/** The predicate the flags describe; every flag is checked here, before anything is sent. */
export function attachmentFilterOf(flags: FilterFlags, nowMs: number): (attachment: Attachment) => boolean {
  const tests: Array<(attachment: Attachment) => boolean> = [];
  const glob = (pattern: string) => picomatch(pattern, { nocase: true, dot: true });
  if (flags.name !== undefined) {
    const matches = glob(flags.name);
    tests.push((attachment) => matches(attachment.title));
  }
  if (flags.mediaType !== undefined) {
    const matches = glob(flags.mediaType);
    tests.push((attachment) => matches(attachment.mediaType));
  }
  if (flags.minSize !== undefined) {
    const min = parseSize(flags.minSize, '--min-size');
    tests.push((attachment) => attachment.sizeBytes >= min);
  }
  if (flags.maxSize !== undefined) {
    const max = parseSize(flags.maxSize, '--max-size');
    tests.push((attachment) => attachment.sizeBytes <= max);
  }
  const when = (text: string | undefined, flag: string) =>
    text === undefined ? undefined : parseWhen(text, flag, nowMs);
  const createdBefore = when(flags.createdBefore, '--created-before');
  const createdAfter = when(flags.createdAfter, '--created-after');
  const modifiedBefore = when(flags.modifiedBefore, '--modified-before');
  const modifiedAfter = when(flags.modifiedAfter, '--modified-after');
  if (createdBefore !== undefined) tests.push((attachment) => attachment.createdAtMs < createdBefore);
  if (createdAfter !== undefined) tests.push((attachment) => attachment.createdAtMs >= createdAfter);
  if (modifiedBefore !== undefined) tests.push((attachment) => attachment.modifiedAtMs < modifiedBefore);
  if (modifiedAfter !== undefined) tests.push((attachment) => attachment.modifiedAtMs >= modifiedAfter);
  return (attachment) => tests.every((test) => test(attachment));
}
