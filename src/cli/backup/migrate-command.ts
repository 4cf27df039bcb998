import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import type { Selector } from '../../client/index.ts';
import { BulkRun } from '../toolkit/bulk-run.ts';
import {
  type Connection,
  type ConnectionFlags,
  maxWaitHelp,
  resolveConnection,
  retriesHelp,
  withClient,
} from '../toolkit/connection-options.ts';
import { defineToolkitCommand } from '../toolkit/define-command.ts';
import { UsageError } from '../toolkit/exit.ts';
import { selectorOf } from '../toolkit/selector-options.ts';
import { Tally } from '../toolkit/tally.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { replayBackup } from './replay-backup.ts';
import { RestoreStateFile, type RestoreTarget } from './restore-state.ts';
import { takeBackup } from './take-backup.ts';

type Side = 'from' | 'to';

interface MigrateFlags {
  [flag: string]: string | boolean | undefined;
}

const examples = `
The source is a server and a selector (--from-page [--from-tree], --from-space or --from-cql); the
target is a server and a place: --to-page (every attachment onto that page) or --to-space (the source
pages are recreated there, as restore does, under --to-parent if given). Each side signs in with its own
--from-…/--to-… flags; each falls back to TRIBUTARY_URL/USER/TOKEN/BEARER and the profile file, and the
target falls back to the source's server when --to-url is not given.

Every version is copied in order with its comment, then labels, properties and comments; ids are mapped (the
--json output pairs each source id with its target id). The bytes pass through the work folder, which is
a backup of the source (see "tributary backup --help") plus the state file: run the same command again
after an interruption and it neither fetches nor creates anything twice. At the end every version's
SHA-256 on the target is compared with the source's (Tributary states it; other servers are read back),
and mismatches fail the run. Remove the work folder once the migration is done.

Examples:
  tributary migrate --from-url https://old.example.com --from-bearer "$OLD_PAT" --from-space DOCS \\
    --to-url https://example.atlassian.net --to-user me@example.com --to-token "$API_TOKEN" --to-space DOCS
  tributary migrate --from-url https://wiki.example.com --from-page 123 --to-page 456 --dry-run
`;

const sideOptions = (command: Command, side: Side, what: string) =>
  command
    .option(`--${side}-url <url>`, `the ${what} site`)
    .option(`--${side}-user <user>`, `who signs in to the ${what}`)
    .option(`--${side}-token <secret>`, `their API token or password on the ${what}`)
    .option(`--${side}-bearer <token>`, `a personal access token for the ${what}`)
    .option(`--${side}-profile <name>`, `a named connection from the profile file for the ${what}`)
    .option(`--${side}-flavour <flavour>`, `skip detecting the ${what}'s flavour`);

export function registerMigrateCommand(program: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(program, toolkit, {
    name: 'migrate',
    description:
      'Copy attachments with every version, labels and properties between pages, spaces or servers',
    options: [
      (command) => sideOptions(command, 'from', 'source'),
      ['--from-page <id>', "the source page's attachments"],
      ['--from-tree', 'with --from-page: also every page below it'],
      ['--from-space <key>', 'every attachment in the source space'],
      ['--from-cql <query>', 'what a CQL query finds on the source'],
      (command) => sideOptions(command, 'to', 'target'),
      ['--to-page <id>', 'put every attachment on this target page'],
      ['--to-space <key>', 'recreate the source pages in this target space'],
      ['--to-parent <id>', 'with --to-space: under this page'],
      ['--work-dir <dir>', 'where bytes and progress are kept (default ./.tributary-migrate/<id>)'],
      ['--no-verify', 'skip comparing SHA-256 on the target'],
      ['--concurrency <n>', 'requests in flight at once, per server (default 4)'],
      ['--retries <n>', retriesHelp],
      ['--max-wait <seconds>', maxWaitHelp],
      ['--dry-run', 'show what would be copied; change nothing'],
      ['--json', 'print the outcome of every page and attachment as JSON'],
    ],
    // Each side names its server with --from-… or --to-… (sideOptions), not the shared --url and --user.
    connection: false,
    examples,
    run: (flags: MigrateFlags) => migrateCommand(flags, toolkit),
  });
}

const text = (flags: MigrateFlags, name: string) => {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
};

function connectionFlagsOf(flags: MigrateFlags, side: Side): ConnectionFlags {
  const of = (name: string) => text(flags, `${side}${name}`);
  return {
    url: of('Url'),
    user: of('User'),
    token: of('Token'),
    bearer: of('Bearer'),
    profile: of('Profile'),
    flavour: of('Flavour'),
    concurrency: text(flags, 'concurrency'),
    retries: text(flags, 'retries'),
    maxWait: text(flags, 'maxWait'),
  };
}

function targetOf(flags: MigrateFlags): RestoreTarget {
  const page = text(flags, 'toPage');
  const space = text(flags, 'toSpace');
  const parent = text(flags, 'toParent');
  if ((page === undefined) === (space === undefined)) {
    throw new UsageError('Choose the target with exactly one of --to-page or --to-space');
  }
  if (page !== undefined) {
    if (parent !== undefined) throw new UsageError('--to-parent goes with --to-space');
    if (!/^\d+$/.test(page)) throw new UsageError(`--to-page must be a page id, not '${page}'`);
    return { kind: 'page', pageId: page };
  }
  if (parent !== undefined && !/^\d+$/.test(parent)) {
    throw new UsageError(`--to-parent must be a page id, not '${parent}'`);
  }
  return { kind: 'space', spaceKey: (space ?? '').trim(), ...(parent !== undefined && { parentId: parent }) };
}

/** The target's connection: its own flags, else the source's server and credentials. */
async function targetConnectionOf(flags: MigrateFlags, source: Connection, toolkit: ToolkitContext) {
  const own = connectionFlagsOf(flags, 'to');
  const named = [own.url, own.user, own.token, own.bearer, own.profile].some((value) => value !== undefined);
  if (named) return resolveConnection(own, toolkit);
  if (own.flavour === undefined) return source;
  return resolveConnection({ ...connectionFlagsOf(flags, 'from'), flavour: own.flavour }, toolkit);
}

async function migrateCommand(flags: MigrateFlags, toolkit: ToolkitContext): Promise<number> {
  const selector: Selector = selectorOf({
    page: text(flags, 'fromPage'),
    tree: flags.fromTree === true,
    space: text(flags, 'fromSpace'),
    cql: text(flags, 'fromCql'),
  });
  const target = targetOf(flags);
  const source = await resolveConnection(connectionFlagsOf(flags, 'from'), toolkit);
  const destination = await targetConnectionOf(flags, source, toolkit);
  const dryRun = flags.dryRun === true;
  const workDir = path.resolve(
    text(flags, 'workDir') ?? defaultWorkDir(source.url, selector, destination.url, target),
  );
  const state = await RestoreStateFile.open(
    path.join(workDir, 'migrate-state.json'),
    { url: destination.url, placement: target },
    dryRun,
  );
  const run = new BulkRun(toolkit, flags);
  const { tally, progressOf } = run;
  const reading = new Tally();
  const manifest = await withClient(source, (client) =>
    takeBackup({
      client,
      selector,
      dir: workDir,
      dryRun,
      concurrency: source.concurrency,
      tally: reading,
      progressOf,
      nowMs: toolkit.nowMs,
    }),
  );
  for (const failure of reading.items.filter((item) => item.outcome === 'failed')) {
    tally.add({ ...failure, subject: `source ${failure.subject}` });
  }
  await withClient(destination, (client) =>
    replayBackup({
      client,
      // Attachments that failed to read keep older entries; only what this run saw is copied.
      manifest: {
        ...manifest,
        attachments: manifest.attachments.filter((entry) => seenIn(reading, entry.id)),
      },
      dir: workDir,
      target,
      state,
      dryRun,
      verify: flags.verify !== false,
      concurrency: destination.concurrency,
      tally,
      progressOf,
    }),
  );
  return run.summary(
    'Migrated',
    target.kind === 'page' ? `to page ${target.pageId}` : `to space ${target.spaceKey}`,
  );
}

const seenIn = (reading: Tally, id: string) =>
  reading.items.some((item) => item.outcome !== 'failed' && item.fields?.id === id);

/** One work folder per source selection and target, so two migrations never share state. */
function defaultWorkDir(fromUrl: string, selector: Selector, toUrl: string, target: RestoreTarget): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([fromUrl, selector, toUrl, target]))
    .digest('hex')
    .slice(0, 12);
  return path.join('.tributary-migrate', digest);
}
