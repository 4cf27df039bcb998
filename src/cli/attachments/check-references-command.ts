import type { Command } from 'commander';
import {
  type Attachment,
  type ConfluenceClient,
  ConfluenceHttpError,
  cqlString,
  getStorageBody,
  type Selector,
  searchContent,
} from '../../client/index.ts';
import { type ConnectionFlags, resolveConnection, withClient } from '../toolkit/connection-options.ts';
import { defineToolkitCommand } from '../toolkit/define-command.ts';
import { isOperationalError } from '../toolkit/exit.ts';
import { formatBytes, printable, renderTable } from '../toolkit/format.ts';
import { progressFor } from '../toolkit/progress.ts';
import { runPool } from '../toolkit/run-pool.ts';
import { addSelectorOptions, type SelectorFlags, selectorOf } from '../toolkit/selector-options.ts';
import { messageOf } from '../toolkit/tally.ts';
import type { ToolkitContext } from '../toolkit/toolkit-context.ts';
import { attachmentRecord } from './attachment-json.ts';
import { addFilterOptions, attachmentFilterOf, type FilterFlags } from './filters.ts';
import {
  type AttachmentReference,
  attachmentReferences,
  type ReferenceTarget,
} from './storage-references.ts';

type CheckFlags = ConnectionFlags & SelectorFlags & FilterFlags & { strict?: boolean };

const examples = `
Reads each page's and blog post's body in storage format and finds every <ri:attachment ri:filename>
(in images, links and macros), including those qualified by <ri:page>, <ri:blog-post> or
<ri:content-entity> that point at another page's attachments. It reports references to attachments that
do not exist (not current on the page they name), and current attachments that no page in the
selection references. A file referenced only from pages outside the selection shows as unreferenced:
choose the whole space to be sure. The filters narrow which attachments may be reported unreferenced.

Exit codes: 0 checked (whatever was found; with --strict, 0 only when nothing was found), 1 a page or
its attachments could not be read (or --strict and something was found), 2 bad usage.

Examples:
  tributary attachments check-references --space DOCS
  tributary attachments check-references --page 123 --tree --json
  tributary attachments check-references --space DOCS --media-type 'image/*' --strict
`;

export function registerCheckReferencesCommand(attachments: Command, toolkit: ToolkitContext): void {
  defineToolkitCommand(attachments, toolkit, {
    name: 'check-references',
    description: 'Find references in page bodies to missing attachments, and attachments nothing references',
    options: [
      ['--json', 'print the findings as JSON'],
      ['--strict', 'exit 1 when anything is found'],
      addSelectorOptions,
      addFilterOptions,
    ],
    examples,
    run: (flags: CheckFlags) => checkCommand(flags, toolkit),
  });
}

interface BrokenReference {
  pageId: string;
  pageTitle: string;
  filename: string;
  usage: AttachmentReference['usage'];
  /** Where the reference says the file is. */
  target: ReferenceTarget;
  targetPageId: string | null;
  reason: string;
}

interface Scanned {
  id: string;
  title: string;
  spaceKey: string | undefined;
  references: AttachmentReference[];
  attachments: Attachment[];
}

/** The pages and blog posts to read: the selector's containers, or what the CQL query finds. */
async function containerIds(client: ConfluenceClient, selector: Selector): Promise<string[]> {
  const ids: string[] = [];
  if (selector.kind !== 'cql') {
    for await (const container of client.listContainers(selector)) ids.push(container.id);
    return ids;
  }
  for await (const raw of searchContent(client, selector.cql)) {
    const content = raw as { id?: unknown; type?: unknown };
    if (content.type === 'page' || content.type === 'blogpost') ids.push(String(content.id));
  }
  return [...new Set(ids)];
}

const currentOf = async (client: ConfluenceClient, pageId: string) => {
  const found: Attachment[] = [];
  for await (const attachment of client.listAttachments({ kind: 'page', pageId, tree: false }))
    found.push(attachment);
  return found;
};

async function checkCommand(flags: CheckFlags, toolkit: ToolkitContext): Promise<number> {
  const selector = selectorOf(flags);
  const reportable = attachmentFilterOf(flags, toolkit.nowMs());
  const connection = await resolveConnection(flags, toolkit);
  const progressOf = progressFor(toolkit, flags.json);
  const failures: Array<{ subject: string; detail: string }> = [];
  const fail = (subject: string, error: unknown) => {
    if (!isOperationalError(error)) throw error;
    failures.push({ subject, detail: messageOf(error) });
  };

  const { scanned, broken } = await withClient(connection, async (client) => {
    const ids = await containerIds(client, selector);
    const scanned: Scanned[] = [];
    const progress = progressOf('Reading pages');
    progress.start({ items: ids.length, bytes: 0 });
    try {
      await runPool(ids, connection.concurrency, async (id) => {
        try {
          const [body, attachments] = await Promise.all([getStorageBody(client, id), currentOf(client, id)]);
          scanned.push({ ...body, references: attachmentReferences(body.storage), attachments });
        } catch (error) {
          fail(`page ${id}`, error);
        }
        progress.item();
      });
    } finally {
      progress.stop();
    }
    const broken = await findBroken(client, scanned, fail);
    return { scanned, broken };
  });

  // Every file a body in the selection points at, as `<page id> / <file name>`.
  const referenced = new Set<string>();
  const resolvedIds = new Map(broken.resolved);
  for (const page of scanned) {
    for (const reference of page.references) {
      const targetId = resolvedIds.get(targetKey(reference.target, page));
      if (targetId) referenced.add(`${targetId}\u0000${reference.filename}`);
    }
  }
  const unreferenced = scanned
    .flatMap((page) => page.attachments)
    .filter(
      (attachment) =>
        reportable(attachment) && !referenced.has(`${attachment.containerId}\u0000${attachment.title}`),
    )
    .sort((a, b) => a.containerId.localeCompare(b.containerId) || a.title.localeCompare(b.title));

  const summary = {
    pages: scanned.length,
    references: scanned.reduce((sum, page) => sum + page.references.length, 0),
    broken: broken.list.length,
    unreferenced: unreferenced.length,
    unreferencedBytes: unreferenced.reduce((sum, attachment) => sum + attachment.sizeBytes, 0),
    failed: failures.length,
  };
  const { io } = toolkit;
  if (flags.json) {
    io.out(
      `${JSON.stringify({ summary, broken: broken.list, unreferenced: unreferenced.map(attachmentRecord), failures }, null, 2)}\n`,
    );
  } else {
    if (broken.list.length > 0) {
      io.out('References to missing attachments\n');
      io.out(
        renderTable(
          ['PAGE', 'USAGE', 'REASON', 'FILE'],
          broken.list.map((entry) => [entry.pageId, entry.usage, entry.reason, printable(entry.filename)]),
        ),
      );
      io.out('\n');
    }
    if (unreferenced.length > 0) {
      io.out('Attachments nothing references\n');
      io.out(
        renderTable(
          ['ID', 'PAGE', 'SIZE', 'NAME'],
          unreferenced.map((attachment) => [
            attachment.id,
            attachment.containerId,
            formatBytes(attachment.sizeBytes),
            printable(attachment.title),
          ]),
        ),
      );
      io.out('\n');
    }
    for (const failure of failures) io.err(`failed: ${failure.subject}: ${failure.detail}\n`);
    io.out(
      `Checked ${summary.pages} pages and ${summary.references} attachment references: ${summary.broken} broken, ` +
        `${summary.unreferenced} attachments unreferenced (${formatBytes(summary.unreferencedBytes)}), ${summary.failed} failed\n`,
    );
  }
  const found = summary.broken + summary.unreferenced > 0;
  return failures.length > 0 || (flags.strict === true && found) ? 1 : 0;
}

/** A key naming a reference's target, the same for every reference to the same page. */
function targetKey(target: ReferenceTarget, from: Pick<Scanned, 'id' | 'spaceKey'>): string {
  switch (target.kind) {
    case 'self':
      return `id:${from.id}`;
    case 'content':
      return `id:${target.contentId}`;
    default:
      return `${target.kind}:${target.spaceKey ?? from.spaceKey ?? ''}:${target.title}`;
  }
}

/**
 * Resolves each reference's target page (by id, or by title in its space, as Confluence does) and
 * checks the file is a current attachment there. Pages outside the selection are read once each.
 */
async function findBroken(
  client: ConfluenceClient,
  scanned: readonly Scanned[],
  fail: (subject: string, error: unknown) => void,
): Promise<{ list: BrokenReference[]; resolved: Map<string, string | null> }> {
  const names = new Map<string, Promise<Set<string> | null>>(
    scanned.map((page) => [
      page.id,
      Promise.resolve(new Set(page.attachments.map((attachment) => attachment.title))),
    ]),
  );
  const resolved = new Map<string, string | null>();
  const list: BrokenReference[] = [];
  const resolve = async (target: ReferenceTarget, from: Scanned): Promise<string | null> => {
    const key = targetKey(target, from);
    if (resolved.has(key)) return resolved.get(key) ?? null;
    let id: string | null;
    if (target.kind === 'self') id = from.id;
    else if (target.kind === 'content') id = /^\d+$/.test(target.contentId) ? target.contentId : null;
    else {
      const spaceKey = target.spaceKey ?? from.spaceKey;
      const cql =
        `title = ${cqlString(target.title)} and type = ${target.kind === 'page' ? 'page' : 'blogpost'}` +
        (spaceKey ? ` and space = ${cqlString(spaceKey)}` : '');
      id = null;
      for await (const raw of searchContent(client, cql)) {
        id = String((raw as { id?: unknown }).id);
        break;
      }
    }
    resolved.set(key, id);
    return id;
  };
  for (const page of scanned) {
    for (const reference of page.references) {
      let targetId: string | null;
      let files: Set<string> | null;
      try {
        targetId = await resolve(reference.target, page);
        files = null;
        if (targetId !== null) {
          let known = names.get(targetId);
          if (known === undefined) {
            const id = targetId;
            known = currentOf(client, id).then(
              (attachments) => new Set(attachments.map((attachment) => attachment.title)),
              (error: unknown) => {
                // A page that does not exist (or cannot be seen) has no attachments to point at.
                if (error instanceof ConfluenceHttpError && error.status === 404) return null;
                throw error;
              },
            );
            names.set(id, known);
          }
          files = await known;
        }
      } catch (error) {
        fail(`page ${page.id}: reference to ${reference.filename}`, error);
        continue;
      }
      const reason =
        targetId === null || files === null
          ? 'the page it names does not exist'
          : files.has(reference.filename)
            ? undefined
            : targetId === page.id
              ? 'no such attachment on this page'
              : `no such attachment on page ${targetId}`;
      if (reason === undefined) continue;
      list.push({
        pageId: page.id,
        pageTitle: page.title,
        filename: reference.filename,
        usage: reference.usage,
        target: reference.target,
        targetPageId: targetId,
        reason,
      });
    }
  }
  return { list, resolved };
}
