import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Content, Space } from '../../../domain/content.ts';
import { DomainError } from '../../../domain/errors.ts';
import { descending } from '../../../domain/paging.ts';
import type { Principal } from '../../../domain/principal.ts';
import { listSpaceContentByKeyset } from '../../../services/content/list-space-content.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { requireCreate } from '../../../services/permissions/policy.ts';
import { getSpace, getSpaceHomepage } from '../../../services/spaces/get-space.ts';
import { typed } from '../../common/schemas.ts';
import { renderedBodyOf } from '../content-body.ts';
import { timeOf } from '../formats.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendScreen } from '../layout.ts';
import { pageTree } from '../page-tree.ts';
import { spaceTabs } from '../space-tabs.ts';
import { screenUrls } from '../urls.ts';
import type { WebDeps } from '../web-deps.ts';
import { type WebView, webViewOf } from '../web-view.ts';

const recentBlogPosts = 10;

const KeyParams = Type.Object({ key: Type.String() });

/**
 * A space's home: Data Center's `/display/KEY`, Cloud's `/spaces/KEY` and `/spaces/KEY/overview`. Its
 * name and description, its home page as a reader sees it, the page tree, and its latest blog posts.
 */
export function spaceHomeRoutes(deps: WebDeps) {
  const { services } = deps;
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const home = async (request: FastifyRequest<{ Params: { key: string } }>, reply: FastifyReply) => {
      const { principal } = request;
      const view = webViewOf(request, deps.contextPath);
      const space = await getSpace(services, principal, request.params.key);
      const [homepage, posts, mayCreate] = await Promise.all([
        getSpaceHomepage(services, principal, space),
        listSpaceContentByKeyset(
          services,
          principal,
          { spaceId: space.id, type: 'blogpost', statuses: ['current'] },
          { sort: descending('created'), after: undefined, limit: recentBlogPosts },
        ),
        mayCreatePages(services, principal, space),
      ]);
      const tree = await pageTree(services, principal, view, {
        space,
        path: homepage ? [homepage] : [],
        currentId: homepage?.id,
      });
      const main = html`${spaceTabs(view, space, 'pages')}
        <div class="layout-with-sidebar">
          <aside class="sidebar">${tree}</aside>
          <div class="space-home">
            <h1>${space.name} <span class="key">${space.key}</span></h1>
            ${mayCreate && html`<div class="toolbar"><a class="button" href="${screenUrls(view).createPage(space.key)}">Create page</a></div>`}
            ${space.description && html`<p class="space-description">${space.description}</p>`}
            ${
              homepage
                ? homepageSection(view, homepage)
                : html`<p class="empty">This space has no home page you may see; its pages are listed in the page tree.</p>`
            }
            ${blogPostList(view, space, posts.items)}
          </div>
        </div>`;
      return sendScreen(reply, view, {
        title: space.name,
        main,
        breadcrumbs: [{ label: 'Spaces', href: screenUrls(view).spaceDirectory() }],
        styles: ['pages.css'],
      });
    };
    for (const path of ['/display/:key', '/spaces/:key', '/spaces/:key/overview']) {
      app.get(path, { schema: { params: KeyParams } }, home);
    }
  };
}

/** Whether to offer "Create page": the create use case's own rule, asked without creating anything. */
async function mayCreatePages(services: ServiceDeps, principal: Principal, space: Space): Promise<boolean> {
  try {
    await requireCreate(services, principal, space.id, { type: 'page' });
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

function homepageSection(view: WebView, homepage: Content): SafeHtml {
  return html`<section class="space-homepage" aria-labelledby="homepage-title">
    <h2 id="homepage-title"><a href="${screenUrls(view).page(homepage.id)}">${homepage.title}</a></h2>
    <div class="page-body">${renderedBodyOf(view, homepage)}</div>
  </section>`;
}

function blogPostList(view: WebView, space: Space, posts: readonly Content[]): SafeHtml {
  return html`<section class="blog-posts" aria-labelledby="blog-title">
    <h2 id="blog-title">Recent blog posts</h2>
    ${
      posts.length === 0
        ? html`<p class="empty">No blog posts in ${space.name} yet.</p>`
        : html`<ul>${posts.map(
            (post) =>
              html`<li><a href="${screenUrls(view).page(post.id)}">${post.title}</a> ${timeOf(post.createdAtMs)}</li>`,
          )}</ul>`
    }
  </section>`;
}
