import type { Command } from 'commander';
import type { Config } from '../config/config.ts';
import type { RunningServer, Site } from '../main.ts';

/** What main.ts hands the command line, so commands never import adapters. */
export interface CliRuntime {
  openSite(config: Config): Promise<Site>;
  startServer(config: Config): Promise<RunningServer>;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliContext {
  runtime: CliRuntime;
  io: CliIo;
  configOf(command: Command): Config;
}

/** Opens the site for one command and always closes it. */
export async function withSite<T>(context: CliContext, command: Command, work: (site: Site) => Promise<T>) {
  const site = await context.runtime.openSite(context.configOf(command));
  try {
    return await work(site);
  } finally {
    await site.close();
  }
}

export function printJsonOr<T>(io: CliIo, json: boolean, rows: T[], line: (row: T) => string): void {
  if (json) io.out(`${JSON.stringify(rows, null, 2)}\n`);
  else for (const row of rows) io.out(`${line(row)}\n`);
}
