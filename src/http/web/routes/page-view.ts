import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Content, ContentType } from '../../../domain/content.ts';
import { notFound } from '../../../domain/errors.ts';
import { getContent } from '../../../services/content/get-content.ts';
import { listContent } from '../../../services/content/list-content.ts';
import { getSpace } from '../../../services/spaces/get-space.ts';
import { singleField } from '../../common/form-body.ts';
import { typed } from '../../common/schemas.ts';
import { contentHref } from '../content-href.ts';
import { sendContentScreen } from '../page-screen.ts';
import { screenQueryOf } from '../schemas.ts';
import type { WebDeps } from '../web-deps.ts';
import { webViewOf } from '../web-view.ts';

// What a reader opens: live content. The trash, drafts and old versions are not pages to browse to.
const readableStatuses = ['current', 'archived'] as const;

/** An id from a link; anything else is a wrong link, answered as a missing page. */
export function contentIdOf(text: string | undefined): number {
  const id = text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound(`No content with id ${text ?? ''}`);
  return id;
}

/** `pageVersion=N`: an old version of the page; none, the current one. */
function versionNumberOf(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,9}$/.test(text)) throw notFound(`No version ${text}`);
  return Number(text);
}

/** The type each Cloud link's path segment names (`/spaces/KEY/pages/ID`, `…/whiteboard/ID`). */
const typeOfSegment: Record<string, ContentType> = {
  pages: 'page',
  blog: 'blogpost',
  folder: 'folder',
  whiteboard: 'whiteboard',
  database: 'database',
  embed: 'embed',
  customcontent: 'custom',
};

const SpaceItemParams = Type.Object({ key: Type.String(), segment: Type.String(), id: Type.String() });
const SpaceItemSlugParams = Type.Object({ key: Type.String(), id: Type.String(), slug: Type.String() });
const BlogParams = Type.Object({
  key: Type.String(),
  year: Type.String(),
  month: Type.String(),
  day: Type.String(),
  id: Type.String(),
});
const BlogSlugParams = Type.Object({ ...BlogParams.properties, slug: Type.String() });
const DisplayTitleParams = Type.Object({ key: Type.String(), title: Type.String() });
const DisplayBlogParams = Type.Object({
  key: Type.String(),
  year: Type.String(),
  month: Type.String(),
  day: Type.String(),
  title: Type.String(),
});

/**
 * A page, blog post or other item at every link the API hands out: Data Center's
 * `/pages/viewpage.action?pageId=ID` and `/display/KEY/Title`, Cloud's `/spaces/KEY/pages/ID/Slug`, blog
 * posts by day, and the Cloud types' `/spaces/KEY/TYPE/ID`. The slug is decoration, as in Confluence; the
 * id decides.
 */
export function pageViewRoutes(deps: WebDeps) {
  const { services } = deps;
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    /** An item named by a Cloud link: its space and type must be the ones the link names. */
    const inSpace = async (request: FastifyRequest, key: string, id: string, type: ContentType) => {
      const content = await getContent(services, request.principal, contentIdOf(id), {
        statuses: readableStatuses,
      });
      const space = await getSpace(services, request.principal, key);
      if (content.spaceId !== space.id || content.type !== type) {
        throw notFound(`No ${type} ${id} in space ${key}`, { contentId: content.id });
      }
      return content;
    };

    app.get(
      '/pages/viewpage.action',
      {
        schema: {
          querystring: screenQueryOf('pageId', 'pageVersion', 'focusedCommentId', 'spaceKey', 'title'),
        },
      },
      async (request, reply) => {
        const { query } = request;
        const pageId = singleField(query.pageId);
        const content =
          pageId === undefined
            ? await byTitle(request, singleField(query.spaceKey), singleField(query.title), 'page')
            : await getContent(services, request.principal, contentIdOf(pageId), {
                statuses: readableStatuses,
                versionNumber: versionNumberOf(singleField(query.pageVersion)),
              });
        // Comments and attachments have a screen of their own (their page, scrolled; the attachments).
        if (content.type === 'comment' || content.type === 'attachment') {
          return reply.redirect(contentHref(webViewOf(request, deps.contextPath), content), 302);
        }
        const focused = singleField(query.focusedCommentId);
        return sendContentScreen(deps, request, reply, content, focused ? Number(focused) : undefined);
      },
    );

    for (const path of ['/spaces/:key/pages/:id', '/spaces/:key/customcontent/:id']) {
      const segment = path.split('/')[3] ?? '';
      app.get(
        path,
        { schema: { params: Type.Object({ key: Type.String(), id: Type.String() }) } },
        async (request, reply) => {
          const { key, id } = request.params;
          const content = await inSpace(request, key, id, typeOfSegment[segment] ?? 'page');
          return sendContentScreen(deps, request, reply, content);
        },
      );
    }
    app.get(
      '/spaces/:key/pages/:id/:slug',
      { schema: { params: SpaceItemSlugParams } },
      async (request, reply) => {
        const content = await inSpace(request, request.params.key, request.params.id, 'page');
        return sendContentScreen(deps, request, reply, content);
      },
    );
    app.get('/spaces/:key/:segment/:id', { schema: { params: SpaceItemParams } }, async (request, reply) => {
      const { key, segment, id } = request.params;
      const type = typeOfSegment[segment];
      if (type === undefined || type === 'page' || type === 'blogpost')
        throw notFound(`No such screen: ${segment}`);
      return sendContentScreen(deps, request, reply, await inSpace(request, key, id, type));
    });
    for (const [path, schema] of [
      ['/spaces/:key/blog/:year/:month/:day/:id', BlogParams],
      ['/spaces/:key/blog/:year/:month/:day/:id/:slug', BlogSlugParams],
    ] as const) {
      app.get(path, { schema: { params: schema } }, async (request, reply) => {
        const params = request.params as { key: string; id: string };
        const content = await inSpace(request, params.key, params.id, 'blogpost');
        return sendContentScreen(deps, request, reply, content);
      });
    }

    // Data Center names pages by title: `/display/KEY/Title+With+Plus`, blog posts by day and title.
    app.get('/display/:key/:title', { schema: { params: DisplayTitleParams } }, async (request, reply) => {
      const [key, title] = displaySegments(request);
      return sendContentScreen(deps, request, reply, await byTitle(request, key, title, 'page'));
    });
    app.get(
      '/display/:key/:year/:month/:day/:title',
      { schema: { params: DisplayBlogParams } },
      async (request, reply) => {
        const [key, year, month, day, title] = displaySegments(request);
        const postingDay = `${year}-${month}-${day}`;
        return sendContentScreen(
          deps,
          request,
          reply,
          await byTitle(request, key, title, 'blogpost', postingDay),
        );
      },
    );

    async function byTitle(
      request: FastifyRequest,
      key: string | undefined,
      title: string | undefined,
      type: 'page' | 'blogpost',
      postingDay?: string,
    ): Promise<Content> {
      if (key === undefined || title === undefined)
        throw notFound('A page is named by its id, or space and title');
      const found = await listContent(
        services,
        request.principal,
        { types: [type], statuses: [...readableStatuses], spaceKeys: [key], title, postingDay },
        { start: 0, limit: 1 },
      );
      const content = found.items[0];
      if (content === undefined) throw notFound(`No ${type} titled ${title} in space ${key}`);
      return content;
    }
  };
}

/**
 * The segments after `/display/`, decoded as Data Center writes them: `+` is a space and `%2B` a plus,
 * which the router's own decoding (`+` kept, `%2B` turned into `+`) cannot tell apart.
 */
function displaySegments(request: FastifyRequest): string[] {
  const path = request.url.split(/[?#]/)[0] ?? '';
  const after = path.slice(path.indexOf('/display/') + '/display/'.length);
  return after.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment.replace(/\+/g, ' '));
    } catch {
      throw notFound(`Not a link: ${segment}`);
    }
  });
}
