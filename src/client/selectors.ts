/**
 * Which attachments a command works on: those of a page (optionally with every page below it), of a
 * space, or what a CQL query finds. Pages and blog posts are the containers; a query that finds
 * attachments yields them directly.
 */
import { type Attachment, attachmentFromV1, jsonObject } from './attachment.ts';
import { type ClientContext, segment } from './context.ts';
import { ConfluenceHttpError } from './errors.ts';
import { listContainerAttachments, type TrashBySpace } from './list-container-attachments.ts';
import { v1Items } from './paging.ts';

export type Selector =
  | { kind: 'page'; pageId: string; tree: boolean }
  | { kind: 'space'; spaceKey: string }
  | { kind: 'cql'; cql: string };

export type ListableStatus = 'current' | 'trashed';

export interface Container {
  id: string;
  type: Attachment['containerType'];
  title: string;
  /** The space key, when the server said (Data Center needs it to list trashed attachments). */
  spaceKey: string | undefined;
}

export interface ListOptions {
  /** Which attachments to list; current only by default. */
  statuses?: readonly ListableStatus[];
  signal?: AbortSignal;
}

/** CQL string literal: double quotes, with `"` and `\` escaped (reference/cql.md). */
export const cqlString = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;

// `space` names the container's space; `version,container,history` fill an attachment's fields.
const searchExpansion = 'space,version,container,history';

function containerFrom(raw: unknown): Container {
  const content = jsonObject(raw);
  const type = content.type;
  return {
    id: String(content.id),
    type: type === 'page' || type === 'blogpost' || type === 'comment' ? type : 'unknown',
    title: typeof content.title === 'string' ? content.title : '',
    spaceKey:
      typeof jsonObject(content.space).key === 'string' ? String(jsonObject(content.space).key) : undefined,
  };
}

/**
 * One page or blog post, by id; a 404 means it does not exist or is not visible. v2 where the server has
 * it (Cloud's v1 `GET /content/{id}` is deprecated), which has one path for pages and one for blog posts.
 */
export async function getContainer(
  context: ClientContext,
  id: string,
  signal?: AbortSignal,
): Promise<Container> {
  const { http, server } = context;
  if (server.v2) {
    for (const [collection, type] of [
      ['pages', 'page'],
      ['blogposts', 'blogpost'],
    ] as const) {
      const response = await http.send('GET', `${server.v2}/${collection}/${segment(id)}`, {
        accept: [404],
        signal,
      });
      if (response.status === 404) {
        await response.discard();
        continue;
      }
      const content = jsonObject(await response.json());
      const title = typeof content.title === 'string' ? content.title : '';
      return { id: String(content.id ?? id), type, title, spaceKey: undefined };
    }
    const path = `${server.v2}/pages/${segment(id)}`;
    throw new ConfluenceHttpError(404, 'GET', path, `No page or blog post with id ${id}`);
  }
  const raw = await http.json('GET', `${server.v1}/content/${segment(id)}`, {
    query: { expand: 'space' },
    signal,
  });
  return containerFrom(raw);
}

/**
 * Content a CQL query finds, as raw v1 `Content` (pages, blog posts, attachments…); current content
 * only, unless other statuses are asked for (CQL finds the trash only through `cqlcontext`).
 */
export function searchContent(
  context: ClientContext,
  cql: string,
  signal?: AbortSignal,
  statuses: readonly ListableStatus[] = ['current'],
): AsyncGenerator<unknown> {
  const { http, server } = context;
  const beyondCurrent = statuses.some((status) => status !== 'current');
  return v1Items(http, `${server.v1}/content/search`, server.context, {
    query: {
      cql,
      limit: 100,
      expand: searchExpansion,
      ...(beyondCurrent && { cqlcontext: JSON.stringify({ contentStatuses: statuses }) }),
    },
    signal,
  });
}

/** The pages and blog posts a page or space selector covers (a CQL selector's are found while listing). */
export async function* listContainers(
  context: ClientContext,
  selector: Exclude<Selector, { kind: 'cql' }>,
  signal?: AbortSignal,
): AsyncGenerator<Container> {
  if (selector.kind === 'page') {
    yield await getContainer(context, selector.pageId, signal);
    if (!selector.tree) return;
    // `ancestor` finds every page below, however deep, on Cloud, Data Center and Tributary alike.
    for await (const raw of searchContent(context, `ancestor = ${selector.pageId} and type = page`, signal)) {
      yield containerFrom(raw);
    }
    return;
  }
  // A space that is not there would list nothing, which must not pass for an empty one (a typo in a
  // scheduled backup would make empty backups for ever).
  const { http, server } = context;
  const space = await http.send('GET', `${server.v1}/space/${segment(selector.spaceKey)}`, {
    accept: [404],
    signal,
  });
  await space.discard();
  if (space.status === 404) {
    throw new ConfluenceHttpError(
      404,
      'GET',
      `${server.v1}/space/${selector.spaceKey}`,
      `No space with key ${selector.spaceKey}`,
    );
  }
  const cql = `space = ${cqlString(selector.spaceKey)} and type in (page, blogpost)`;
  for await (const raw of searchContent(context, cql, signal)) yield containerFrom(raw);
}

/**
 * Every attachment the selector covers, each once, with the statuses asked for. Attachments arrive
 * container by container, in the order the server lists them.
 */
export async function* listAttachments(
  context: ClientContext,
  selector: Selector,
  options: ListOptions = {},
): AsyncGenerator<Attachment> {
  const statuses = options.statuses ?? ['current'];
  const wanted = (attachment: Attachment) => statuses.some((status) => status === attachment.status);
  const seen = new Set<string>();
  const once = (attachment: Attachment) => {
    if (seen.has(attachment.id) || !wanted(attachment)) return false;
    seen.add(attachment.id);
    return true;
  };
  const trashBySpace: TrashBySpace = new Map();
  const fromContainer = async function* (container: Container) {
    for await (const attachment of listContainerAttachments(
      context,
      container,
      statuses,
      trashBySpace,
      options.signal,
    )) {
      if (once(attachment)) yield attachment;
    }
  };

  if (selector.kind !== 'cql') {
    for await (const container of listContainers(context, selector, options.signal))
      yield* fromContainer(container);
    return;
  }
  for await (const raw of searchContent(context, selector.cql, options.signal, statuses)) {
    const content = jsonObject(raw);
    if (content.type === 'attachment') {
      const attachment = attachmentFromV1(raw);
      if (once(attachment)) yield attachment;
    } else if (content.type === 'page' || content.type === 'blogpost') {
      yield* fromContainer(containerFrom(raw));
    }
  }
}
