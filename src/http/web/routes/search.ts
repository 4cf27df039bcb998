import type { FastifyInstance } from 'fastify';
import type { Space } from '../../../domain/content.ts';
import { DomainError } from '../../../domain/errors.ts';
import { type SiteSearchItem, searchSite } from '../../../services/search/search-site.ts';
import { getSpaceById } from '../../../services/spaces/get-space.ts';
import { toFailure } from '../../common/error-handler.ts';
import { singleField } from '../../common/form-body.ts';
import { typed } from '../../common/schemas.ts';
import { excerptOf, type HighlightWord, highlightWordsOfQuery } from '../../v1/present/search-result.ts';
import { contentHref } from '../content-href.ts';
import { typeName } from '../formats.ts';
import { html, type SafeHtml, trustedHtml } from '../html.ts';
import { sendScreen } from '../layout.ts';
import { screenQueryOf } from '../schemas.ts';
import { screenUrls } from '../urls.ts';
import type { WebDeps } from '../web-deps.ts';
import { type WebView, webViewOf } from '../web-view.ts';

const resultsPerPage = 20;
// Deep offsets cost the search more with each page; nobody reads past this many results.
const lastStart = 10_000;

/** The header's search box asks for words; CQL's `text ~` finds them in titles, bodies and files. */
export function cqlOfWords(words: string): string {
  return `text ~ "${words.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

/** The search's excerpt, with the matched words marked (`@@@hl@@@` is the v1 presenter's marker). */
function markedExcerpt(excerpt: string): SafeHtml {
  // excerptOf escapes the text it takes from the body; only the markers become markup.
  return trustedHtml(excerpt.replace(/@@@hl@@@/g, '<mark>').replace(/@@@endhl@@@/g, '</mark>'));
}

/**
 * Search: Confluence's `/dosearchsite.action?queryString=…` (the header's box), and an advanced field
 * taking any CQL (`cql=`). It runs the API's site search as the visitor, so it finds only what they may
 * see; a query CQL refuses is shown as a message beside the form, with a 400.
 */
export function searchRoutes(deps: WebDeps) {
  const { services } = deps;
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/dosearchsite.action',
      { schema: { querystring: screenQueryOf('queryString', 'cql', 'start') } },
      async (request, reply) => {
        const view = webViewOf(request, deps.contextPath);
        const words = (singleField(request.query.queryString) ?? '').trim();
        const advanced = (singleField(request.query.cql) ?? '').trim();
        const startText = singleField(request.query.start) ?? '0';
        const start = /^\d{1,5}$/.test(startText) ? Math.min(Number(startText), lastStart) : 0;
        const cql = advanced || (words && cqlOfWords(words));
        let outcome: SafeHtml | undefined;
        let status = 200;
        if (cql) {
          try {
            const found = await searchSite(
              services,
              request.principal,
              { cql, cqlContext: undefined },
              { start, limit: resultsPerPage },
            );
            const spaces = await spacesOf(found.items, (id) => getSpaceById(services, request.principal, id));
            outcome = resultList(view, found.items, spaces, highlightWordsOfQuery(found.query.where), {
              start,
              total: found.total,
              pageHref: (from) => pageHref(view, from),
            });
          } catch (error) {
            const failure = error instanceof DomainError ? toFailure(error, request) : undefined;
            if (failure?.status !== 400) throw error;
            status = 400;
            outcome = html`<p class="notice error" role="alert">That query cannot be run: ${failure.message}</p>`;
          }
        }
        const main = html`<h1>Search</h1>
          <form method="get" action="${view.root}/dosearchsite.action" class="search-form" role="search">
            <label for="search-words">Words</label>
            <input id="search-words" type="search" name="queryString" value="${advanced ? '' : words}">
            <details ${advanced && html`open`}>
              <summary>Advanced search (CQL)</summary>
              <label for="search-cql">CQL query</label>
              <input id="search-cql" name="cql" class="mono" value="${advanced}" placeholder='type = page AND space = DEV AND text ~ "release"'>
            </details>
            <button type="submit" class="primary">Search</button>
          </form>
          ${outcome}`;
        const title = cql ? `Search: ${advanced || words}` : 'Search';
        return sendScreen(reply, view, { title, main, styles: ['pages.css'] }, status);
      },
    );
  };
}

/** The same search from another result: the query as asked, with its `start` moved. */
const pageHref = (view: WebView, start: number) => {
  const query = new URLSearchParams(view.here.split('?')[1] ?? '');
  query.set('start', String(start));
  return `${view.root}/dosearchsite.action?${query.toString()}`;
};

async function spacesOf(items: readonly SiteSearchItem[], spaceOf: (id: number) => Promise<Space>) {
  const ids = new Set(
    items.flatMap((item) =>
      item.entity === 'content' && item.content.spaceId !== null ? [item.content.spaceId] : [],
    ),
  );
  const spaces = await Promise.all([...ids].map((id) => spaceOf(id).catch(() => undefined)));
  return new Map(spaces.flatMap((space) => (space === undefined ? [] : [[space.id, space] as const])));
}

function resultList(
  view: WebView,
  items: readonly SiteSearchItem[],
  spaces: ReadonlyMap<number, Space>,
  words: readonly HighlightWord[],
  paging: { start: number; total: number; pageHref: (start: number) => string },
): SafeHtml {
  const urls = screenUrls(view);
  if (paging.total === 0) return html`<p class="empty" role="status">Nothing found.</p>`;
  const last = paging.start + items.length;
  const previous = paging.start > 0;
  const next = last < paging.total && last < lastStart;
  const rows = items.map((item) => {
    if (item.entity === 'space') {
      return html`<li><a href="${urls.space(item.space.key)}">${item.space.name}</a> <span class="result-type">Space</span></li>`;
    }
    if (item.entity === 'user') {
      return html`<li>${item.user.displayName} <span class="result-type">Person</span></li>`;
    }
    const { content } = item;
    const space = content.spaceId === null ? undefined : spaces.get(content.spaceId);
    const excerpt = excerptOf(content, words, 'highlight');
    return html`<li>
      <a href="${contentHref(view, content)}">${content.title}</a>
      <span class="result-type">${typeName(content.type)}</span>
      ${space && html`<span class="result-space">in <a href="${urls.space(space.key)}">${space.name}</a></span>`}
      ${excerpt && html`<p class="excerpt">${markedExcerpt(excerpt)}</p>`}
    </li>`;
  });
  return html`<p role="status">Results ${paging.start + 1}–${last} of ${paging.total}</p>
    <ol class="search-results" start="${paging.start + 1}">${rows}</ol>
    ${
      (previous || next) &&
      html`<nav class="pager" aria-label="Result pages">
      ${previous && html`<a href="${paging.pageHref(Math.max(0, paging.start - resultsPerPage))}">Previous</a>`}
      ${next && html`<a href="${paging.pageHref(last)}">Next</a>`}
    </nav>`
    }`;
}
