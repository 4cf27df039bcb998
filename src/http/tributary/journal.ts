import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireAdministrator } from '../../services/auth/require-administrator.ts';
import { methodAsked } from '../common/head-as-get.ts';
import { QueryText, typed } from '../common/schemas.ts';
import { pageOf, windowOf } from '../v1/paging.ts';
import { warningsOf } from './journal-warnings.ts';
import {
  type JournalWarning,
  type NextPage,
  noWarnings,
  type RecordedEntry,
  RequestJournal,
} from './request-journal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Notes for this request's journal entry (`noteOnJournal`). Undefined without test mode, where nothing
     * is journaled; null with it, until a note comes.
     */
    journalNotes: JournalWarning[] | null | undefined;
    /** The `_links.next` of the list page this request is answered with, when it has one. */
    journalNextLink: string | null | undefined;
    /** This request's entry, once recorded. */
    journalEntry: RecordedEntry | null | undefined;
  }
  interface FastifyContextConfig {
    /** False for requests the journal leaves out: its own, and `/status` (load balancers poll it). */
    journal?: boolean;
  }
}

/**
 * Adds a note to the journal entry of the request being answered (fault injection says what it did here).
 * Does nothing without test mode, so callers need not ask.
 */
export function noteOnJournal(request: FastifyRequest, note: JournalWarning): void {
  if (request.journalNotes === undefined) return;
  if (request.journalNotes === null) request.journalNotes = [];
  request.journalNotes.push(note);
}

/** Retry-After is in whole seconds; a client that waited them may still arrive a moment early by our clock. */
const retryAfterToleranceMs = 100;

/**
 * The request journal (docs/testing.md): every request but the journal's own and `/status`, with the
 * warnings of docs/profiles.md. Registered only with test mode; it costs each request a few map lookups and
 * one small object in the ring. Answers the plugin of its routes, for the test-mode mount.
 */
export function registerJournal(
  app: FastifyInstance,
  contextPath: string,
  journal = new RequestJournal(),
): FastifyPluginAsync {
  app.decorateRequest('journalNotes', null);
  app.decorateRequest('journalNextLink', null);
  /** When each client (by its credentials, else its address) may come back after a 429 or 503. */
  const heldUntilMs = new Map<string, { untilMs: number; seconds: number; status: number }>();

  app.decorateRequest('journalEntry', null);

  /** Journals a request as it is answered; undefined for those the journal leaves out. */
  const record = (request: FastifyRequest, reply: FastifyReply): RecordedEntry | undefined => {
    if (request.routeOptions.config.journal === false) return undefined;
    const nowMs = Date.now();
    const arrivedMs = nowMs - reply.elapsedTime;
    const path = request.originalUrl.split('?', 1)[0] ?? '';
    const client = clientOf(request);
    if (methodAsked(request) === 'GET' && journal.awaitsPages) {
      const key = pageKey(client, request.originalUrl, contextPath);
      if (key) journal.pageAsked(key);
    }
    const warnings = warningsOf(request, path, contextPath);
    const held = heldUntilMs.get(client);
    if (held && arrivedMs + retryAfterToleranceMs < held.untilMs) {
      warnings.push({
        code: 'retry_after_ignored',
        message: `Sent ${(held.untilMs - arrivedMs) / 1000} s before the ${held.status} answer's Retry-After of ${held.seconds} s had passed: wait at least Retry-After seconds before sending again (Confluence counts the early requests against the same limit).`,
      });
    } else if (held && arrivedMs >= held.untilMs) {
      heldUntilMs.delete(client);
    }
    holdOn(heldUntilMs, client, reply, nowMs, journal.capacity);
    if (request.journalNotes) warnings.push(...request.journalNotes);
    // Notes that come after this (a fault cutting the body short) amend the entry once the answer ends.
    request.journalNotes = null;

    const nextLink = request.journalNextLink;
    const nextKey = nextLink ? pageKey(client, nextLink, contextPath) : undefined;
    const next: NextPage | undefined = nextLink && nextKey ? { key: nextKey, link: nextLink } : undefined;
    return journal.record(
      {
        timeMs: arrivedMs,
        method: methodAsked(request),
        path,
        status: reply.statusCode,
        durationMs: roundedMs(reply.elapsedTime),
        user: request.principal?.kind === 'user' ? request.principal.user.username : null,
        warnings: warnings.length > 0 ? warnings : noWarnings,
      },
      next,
    );
  };

  // Recorded as the answer is sent rather than once it has gone: a client that reads the journal right
  // after its last answer finds it there (the response's end is seen only some ticks later).
  app.addHook('onSend', async (request, reply, payload) => {
    // Only a list page's body names a next page: look no further into any other.
    if (request.method === 'GET' && reply.statusCode === 200 && typeof payload === 'string') {
      const next = nextLinkOf(payload);
      if (next !== undefined) request.journalNextLink = next;
    }
    // Once: an error in a later `onSend` hook sends its own answer through these hooks again.
    request.journalEntry ??= record(request, reply) ?? null;
    return payload;
  });

  // Requests answered without `onSend` (a connection cut short) are journaled here; the others get their
  // final status, their whole duration, body included, and any note that came while the body was sent.
  app.addHook('onResponse', async (request, reply) => {
    const entry = request.journalEntry;
    if (!entry) {
      record(request, reply);
      return;
    }
    journal.amend(entry, reply.statusCode, roundedMs(reply.elapsedTime), request.journalNotes ?? noWarnings);
  });

  return async function journalRoutes(routes: FastifyInstance) {
    const unjournaled = { journal: false };
    typed(routes).get(
      '/requests',
      { config: unjournaled, schema: { querystring: JournalQuery } },
      async (request) => {
        requireAdministrator(request.principal);
        const query = request.query;
        const window = windowOf(query, { defaultLimit: 1000, maxLimit: journal.capacity });
        const all = journal.entries();
        const shown = query.warnings === 'only' ? all.filter((entry) => entry.warnings.length > 0) : all;
        const items = shown.slice(window.start, window.start + window.limit);
        return pageOf(request, { items, total: shown.length }, window, (entry) => entry);
      },
    );
    routes.get('/requests/summary', { config: unjournaled }, async (request) => {
      requireAdministrator(request.principal);
      return journal.summary();
    });
    routes.delete('/requests', { config: unjournaled }, async (request, reply) => {
      requireAdministrator(request.principal);
      journal.clear();
      heldUntilMs.clear();
      return reply.code(204).send();
    });
  };
}

const JournalQuery = Type.Object({
  start: QueryText,
  limit: QueryText,
  /** `only`: the requests that have a warning. */
  warnings: Type.Optional(Type.Literal('only')),
});

const roundedMs = (ms: number) => Math.round(ms * 10) / 10;

const nextInLinks = /"next":("(?:[^"\\]|\\.)*")/;

/**
 * The `_links.next` of a v1 or v2 list body, without parsing the whole page: the envelope's `_links` is its
 * last member, after every item's own `_links` (v1 `pageOf`, v2 `keysetPage`), so it is the last one.
 */
export function nextLinkOf(body: string): string | undefined {
  const links = body.lastIndexOf('"_links":{');
  if (links < 0) return undefined;
  const found = nextInLinks.exec(body.slice(links));
  if (!found?.[1]) return undefined;
  try {
    const link: unknown = JSON.parse(found[1]);
    return typeof link === 'string' ? link : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who sent a request, as far as the journal tells clients apart: by the credentials it sent, which are known
 * even where a request was refused before they were checked, else by its address.
 */
function clientOf(request: FastifyRequest): string {
  const { authorization } = request.headers;
  return authorization ? `credentials:${authorization}` : `address:${request.ip}`;
}

/**
 * A page of a list, as one client asks for it: the path under the context path and `/wiki` (v1's
 * `_links.next` is context-relative, v2's is not), with the page named by `cursor` (v2, Cloud searches) or
 * `start` (v1). Undefined for a first page, which no next link names.
 */
function pageKey(client: string, url: string, contextPath: string): string | undefined {
  const [rawPath = '', search = ''] = url.split('?', 2);
  const query = new URLSearchParams(search);
  const page = query.get('cursor') ?? query.get('start');
  if (!page) return undefined;
  const underContext =
    contextPath && rawPath.startsWith(`${contextPath}/`) ? rawPath.slice(contextPath.length) : rawPath;
  const path = underContext.replace(/^\/wiki(?=\/)/, '').replace(/\/$/, '');
  return `${client} ${path} ${page}`;
}

/** After a 429 or 503 that says when to come back, remembers it for this client. */
function holdOn(
  heldUntilMs: Map<string, { untilMs: number; seconds: number; status: number }>,
  client: string,
  reply: FastifyReply,
  nowMs: number,
  capacity: number,
): void {
  const status = reply.statusCode;
  if (status !== 429 && status !== 503) return;
  const seconds = Number(reply.getHeader('retry-after'));
  if (!Number.isFinite(seconds) || seconds <= 0) return;
  // Bounded as the journal is: the oldest hold goes first.
  if (heldUntilMs.size >= capacity && !heldUntilMs.has(client)) {
    const oldest = heldUntilMs.keys().next().value;
    if (oldest !== undefined) heldUntilMs.delete(oldest);
  }
  heldUntilMs.set(client, { untilMs: nowMs + seconds * 1000, seconds, status });
}
