/**
 * What the toolkit suites share: a real Tributary with a space and a page, the CLI run in-process as
 * bin/tributary.js runs it, and a client opened on the same server.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/program.ts';
import type { CliIo } from '../../src/cli/toolkit/toolkit-context.ts';
import {
  type ConfluenceClient,
  type ConfluenceClientOptions,
  openConfluenceClient,
} from '../../src/client/index.ts';
import { openLiveSite, openSite, openSiteMigration, startServer } from '../../src/main.ts';
import { aPage, aSpace } from '../support/builders.ts';
import { adminPassword, type TestServer } from '../support/test-server.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** `tributary …args` in this process; the toolkit reads its settings from these arguments only. */
export async function tributary(...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  };
  const code = await runCli(
    ['node', 'tributary', ...args],
    { openSite, openLiveSite, startServer, openSiteMigration },
    io,
  );
  return { code, out, err };
}

/** Runs the command and insists it succeeded; answers its output. */
export async function succeeds(...args: string[]): Promise<string> {
  const result = await tributary(...args);
  assert.equal(
    result.code,
    0,
    `tributary ${args.join(' ')} exited ${result.code}: ${result.err}${result.out}`,
  );
  return result.out;
}

/** Parses a command's --json output. */
export async function jsonOf<T>(...args: string[]): Promise<T> {
  return JSON.parse(await succeeds(...args, '--json')) as T;
}

/** `--url … --user admin --token …` for the toolkit; `url` may be a fault proxy in front of the server. */
export const connectionArgs = (url: string) => ['--url', url, '--user', 'admin', '--token', adminPassword];

export async function openClient(
  url: string,
  options: Partial<ConfluenceClientOptions> = {},
): Promise<ConfluenceClient> {
  return openConfluenceClient({
    url,
    credentials: { kind: 'basic', user: 'admin', secret: adminPassword },
    ...options,
  });
}

/** A space and a page on the server; answers the page id. */
export async function aPageToWorkOn(
  site: TestServer,
  spaceKey: string,
  title = 'Attachments',
): Promise<string> {
  await aSpace(site, spaceKey);
  return String((await aPage(site, spaceKey, title)).id);
}

/**
 * Keeps TRIBUTARY_* variables and a real profile file of the person running the tests out of the
 * toolkit's way for the whole file; answers a temporary folder to work in, removed at the end.
 */
export function isolateEnvironment(): {
  workDir: () => string;
  restore: () => Promise<void>;
  setUp: () => Promise<void>;
} {
  const saved = new Map<string, string | undefined>();
  let dir = '';
  return {
    workDir: () => dir,
    async setUp() {
      dir = await mkdtemp(path.join(tmpdir(), 'tributary-toolkit-'));
      for (const name of Object.keys(process.env).filter((key) => key.startsWith('TRIBUTARY_'))) {
        saved.set(name, process.env[name]);
        delete process.env[name];
      }
      saved.set('XDG_CONFIG_HOME', process.env.XDG_CONFIG_HOME);
      process.env.XDG_CONFIG_HOME = path.join(dir, 'config');
    },
    async restore() {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
