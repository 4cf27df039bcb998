import type { Command } from 'commander';
import { HttpClient } from '../client/index.ts';
import { type ConnectionFlags, resolveConnection } from './toolkit/connection-options.ts';
import { defineToolkitCommand } from './toolkit/define-command.ts';
import { ToolkitExit } from './toolkit/exit.ts';
import { printable, renderTable } from './toolkit/format.ts';
import { optionOf } from './toolkit/settings.ts';
import type { ToolkitContext } from './toolkit/toolkit-context.ts';

type JournalFlags = ConnectionFlags & { summary?: boolean; warningsOnly?: boolean };

interface Entry {
  time: string;
  method: string;
  path: string;
  status: number;
  warnings: { code: string; message: string }[];
}

interface Page {
  results: Entry[];
  _links: { next?: string };
}

const journalPath = '/rest/tributary/1.0/requests';

const examples = `
Prints the request journal of a running Tributary in test mode (docs/testing.md): each request, oldest
first, and under it the warnings that apply (docs/profiles.md explains each code). Needs an
administrator's credentials.

Examples:
  tributary journal --url http://127.0.0.1:8090 --user admin --token "$TOKEN"
  tributary journal --summary --json
  tributary journal --warnings-only
`;

/** `tributary journal`: what a client under test did wrong, from a running server's journal. */
export function registerJournalCommand(program: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(program, toolkit, {
    name: 'journal',
    description: "Print a test-mode server's request journal and its warnings",
    options: [
      ['--summary', 'print the count of each warning since the journal was last cleared'],
      ['--warnings-only', 'list only the requests that have warnings'],
      ['--json', 'print JSON (the summary, or the journal entries as one array)'],
      // Where the server is and who signs in, as the toolkit's commands take them; not how hard to push it.
      (command) =>
        command
          .option(...optionOf('url'))
          .option(...optionOf('user'))
          .option(...optionOf('token'))
          .option(...optionOf('bearer'))
          .option(...optionOf('profile'))
          .option(...optionOf('profileFile')),
    ],
    connection: false,
    examples,
    run: (flags: JournalFlags) => journalCommand(flags, toolkit),
  });
}

async function journalCommand(flags: JournalFlags, toolkit: ToolkitContext): Promise<number> {
  const { io } = toolkit;
  const connection = await resolveConnection(flags, toolkit);
  const http = new HttpClient({
    siteUrl: connection.url,
    credentials: connection.credentials,
    userAgent: 'tributary-cli',
  });
  try {
    const read = async (target: string) => {
      const response = await http.send('GET', target, { accept: [404] });
      if (response.status === 404) {
        await response.discard();
        io.err(`tributary: ${connection.url} keeps no request journal (is test mode on?)\n`);
        throw new ToolkitExit(1);
      }
      return response.json();
    };
    if (flags.summary) {
      const summary = (await read(`${journalPath}/summary`)) as {
        requests: number;
        warnings: Record<string, number>;
      };
      if (flags.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        const rows = Object.entries(summary.warnings).map(([code, count]) => [code, String(count)]);
        io.out(`${summary.requests} requests\n`);
        if (rows.length > 0) io.out(renderTable(['WARNING', 'COUNT'], rows));
      }
      return 0;
    }
    const entries: Entry[] = [];
    // `_links.next` is relative to the site, as v1's is.
    let target: string | undefined = `${journalPath}${flags.warningsOnly ? '?warnings=only' : ''}`;
    while (target !== undefined) {
      const page = (await read(target)) as Page;
      entries.push(...page.results);
      target = page._links.next;
    }
    if (flags.json) {
      io.out(`${JSON.stringify(entries, null, 2)}\n`);
      return 0;
    }
    for (const entry of entries) {
      io.out(`${entry.time}  ${entry.status}  ${entry.method} ${printable(entry.path)}\n`);
      for (const warning of entry.warnings) io.out(`    ${warning.code}: ${printable(warning.message)}\n`);
    }
    return 0;
  } finally {
    await http.close();
  }
}
