/**
 * Pages and blog posts as a backup needs them: where each sits in the tree, its title and body, and
 * creating one. v1 on every flavour (Cloud, Data Center and Tributary all answer `/content`), so the same
 * code reads from one flavour and writes to another.
 */
import { jsonObject } from './attachment.ts';
import { type ClientContext, segment } from './context.ts';
import { UnexpectedResponseError } from './errors.ts';
import { v1Items } from './paging.ts';

export type PageType = 'page' | 'blogpost';

export interface PageFacts {
  id: string;
  type: PageType;
  title: string;
  spaceKey: string | undefined;
  /** From the space's root down to the direct parent. */
  ancestorIds: string[];
  /** The body in storage format, '' when the server gave none. */
  bodyStorage: string;
}

function pageFrom(raw: unknown, what: string): PageFacts {
  const content = jsonObject(raw);
  if (content.id === undefined || typeof content.title !== 'string') {
    throw new UnexpectedResponseError(what, 'no id or title');
  }
  const ancestors = Array.isArray(content.ancestors) ? content.ancestors : [];
  const storage = jsonObject(jsonObject(content.body).storage).value;
  const spaceKey = jsonObject(content.space).key;
  return {
    id: String(content.id),
    type: content.type === 'blogpost' ? 'blogpost' : 'page',
    title: content.title,
    spaceKey: typeof spaceKey === 'string' ? spaceKey : undefined,
    ancestorIds: ancestors.map((ancestor) => String(jsonObject(ancestor).id)),
    bodyStorage: typeof storage === 'string' ? storage : '',
  };
}

/** A page or blog post with its ancestors, space and storage body. */
export async function getPage(context: ClientContext, id: string, signal?: AbortSignal): Promise<PageFacts> {
  const path = `${context.server.v1}/content/${segment(id)}`;
  const raw = await context.http.json('GET', path, {
    query: { expand: 'ancestors,space,body.storage' },
    signal,
  });
  return pageFrom(raw, `GET ${path}`);
}

/** The current page (or blog post) of that exact title in a space, if there is one. */
export async function findPageByTitle(
  context: ClientContext,
  spaceKey: string,
  title: string,
  type: PageType = 'page',
  signal?: AbortSignal,
): Promise<PageFacts | undefined> {
  const path = `${context.server.v1}/content`;
  for await (const raw of v1Items(context.http, path, context.server.context, {
    query: { spaceKey, title, type, expand: 'ancestors,space', limit: 25 },
    signal,
  })) {
    const page = pageFrom(raw, `GET ${path}`);
    // Servers match titles loosely (case, spaces); only the exact title counts as taken here.
    if (page.title === title) return page;
  }
  return undefined;
}

export interface NewPage {
  type: PageType;
  spaceKey: string;
  title: string;
  /** Pages only: the parent; none puts it at the space's top level. */
  parentId?: string;
  bodyStorage: string;
  signal?: AbortSignal;
}

/** Creates a page or blog post (v1 `POST /content`); POST is never retried, so it is never made twice. */
export async function createPage(context: ClientContext, input: NewPage): Promise<PageFacts> {
  const path = `${context.server.v1}/content`;
  const raw = await context.http.json('POST', path, {
    query: { expand: 'ancestors,space' },
    json: {
      type: input.type,
      title: input.title,
      space: { key: input.spaceKey },
      ...(input.parentId !== undefined && input.type === 'page' && { ancestors: [{ id: input.parentId }] }),
      body: { storage: { value: input.bodyStorage, representation: 'storage' } },
    },
    signal: input.signal,
  });
  return pageFrom(raw, `POST ${path}`);
}
