import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Content, isPageTreeType } from '../../domain/content.ts';
import type { User } from '../../domain/user.ts';
import { listVersions } from '../../services/content/content-versions.ts';
import { listAncestors } from '../../services/content/list-ancestors.ts';
import { listChildren } from '../../services/content/list-children.ts';
import { emptyRelations, loadUsers } from '../../services/content/load-relations.ts';
import { listContentLabels } from '../../services/labels/list-content-labels.ts';
import { contentRightsOf } from '../../services/permissions/policy.ts';
import { getSpaceById } from '../../services/spaces/get-space.ts';
import { renderedBodyOf } from './content-body.ts';
import { timeOf, typeName } from './formats.ts';
import { html, type SafeHtml } from './html.ts';
import { type Crumb, sendScreen } from './layout.ts';
import { historySection, historyWindow } from './page-history.ts';
import { pageTree } from './page-tree.ts';
import { screenUrls } from './urls.ts';
import type { WebDeps } from './web-deps.ts';
import { type WebView, webViewOf } from './web-view.ts';

// Comments shown under an item; a page with more says so and the API lists them all.
const commentCap = 200;

const byline = (users: Map<number, User>, userId: number | null) =>
  (userId === null ? undefined : users.get(userId)?.displayName) ?? 'Anonymous';

/**
 * One page, blog post or other item of a space, at whichever of Confluence's links reached it: title,
 * breadcrumbs, who changed it when, its rendered body, labels, comments, and the way to its attachments
 * and editor. Each part comes from the service the API uses, so it shows only what the API would.
 */
export async function sendContentScreen(
  deps: WebDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  content: Content,
  focusedCommentId?: number,
) {
  const { services } = deps;
  const { principal } = request;
  const view = webViewOf(request, deps.contextPath);
  const urls = screenUrls(view);
  const space =
    content.spaceId === null ? undefined : await getSpaceById(services, principal, content.spaceId);
  const ancestors = isPageTreeType(content.type)
    ? await listAncestors(services, principal, { id: content.id, type: content.type })
    : [];
  const hasFiles = ['page', 'blogpost', 'custom'].includes(content.type);
  const historical = content.status === 'historical';
  const [rights, labels, comments, attachments, tree, history] = await Promise.all([
    contentRightsOf(services, principal, content),
    listContentLabels(services, principal, { id: content.id }, {}, { start: 0, limit: 200 }),
    hasFiles
      ? listChildren(
          services,
          principal,
          content.id,
          'comment',
          { start: 0, limit: commentCap },
          {
            depth: 'all',
            location: 'footer',
          },
        )
      : undefined,
    hasFiles
      ? listChildren(services, principal, content.id, 'attachment', { start: 0, limit: 1 })
      : undefined,
    space &&
      pageTree(services, principal, view, { space, path: [...ancestors, content], currentId: content.id }),
    // The history use case reads live items; an archived page shows none.
    content.status === 'archived' ? undefined : listVersions(services, principal, content.id, historyWindow),
  ]);
  const { users } = await loadUsers(
    services,
    [
      content.creatorId,
      content.version.authorId,
      ...(comments?.items ?? []).map((c) => c.version.authorId),
      ...(history?.versions.items ?? []).map((v) => v.authorId),
    ],
    emptyRelations(),
  );
  const crumbs: Crumb[] = [
    ...(space ? [{ label: space.name, href: urls.space(space.key) }] : []),
    ...ancestors.map((ancestor) => ({ label: ancestor.title, href: urls.page(ancestor.id) })),
    { label: content.title, href: urls.page(content.id) },
  ];
  const { version } = content;
  const main = html`<div class="layout-with-sidebar">
    <aside class="sidebar">${tree}</aside>
    <article class="content-view" data-content-id="${content.id}">
      <p class="content-type">${typeName(content.type)}</p>
      <h1>${content.title}</h1>
      <p class="page-meta">
        Created by ${byline(users, content.creatorId)} on ${timeOf(content.createdAtMs)};
        version ${version.number}${version.number > 1 && html`, last changed by ${byline(users, version.authorId)} on ${timeOf(version.createdAtMs)}`}${version.message && html` (${version.message})`}.
      </p>
      ${historical && html`<p class="notice" role="status">This is version ${version.number}, an old version. <a href="${urls.page(content.id)}">Open the current version</a>.</p>`}
      <div class="toolbar">
        ${!historical && rights.update && ['page', 'blogpost'].includes(content.type) && html`<a class="button" href="${urls.editPage(content.id)}">Edit</a>`}
        ${!historical && rights.update && space && content.type === 'page' && html`<a class="button" href="${urls.createPage(space.key, content.id)}">Create child page</a>`}
        ${attachments && html`<a class="button" href="${urls.attachments(content.id)}">Attachments (${attachments.total})</a>`}
      </div>
      ${content.embedUrl !== null && html`<p>Links to <a href="${content.embedUrl}" rel="noopener noreferrer">${content.embedUrl}</a></p>`}
      <div class="page-body">${renderedBodyOf(view, content)}</div>
      ${history && historySection(view, content, history.versions, users)}
      ${labelList(labels.labels.items.map((label) => label.name))}
      ${comments && commentList(view, comments.items, comments.total, users, focusedCommentId)}
    </article>
  </div>`;
  return sendScreen(reply, view, { title: content.title, main, breadcrumbs: crumbs, styles: ['pages.css'] });
}

function labelList(names: readonly string[]): SafeHtml | false {
  return (
    names.length > 0 &&
    html`<section class="labels" aria-label="Labels"><h2 class="visually-hidden">Labels</h2><ul>${names.map(
      (name) => html`<li>${name}</li>`,
    )}</ul></section>`
  );
}

function commentList(
  view: WebView,
  comments: readonly Content[],
  total: number,
  users: Map<number, User>,
  focusedCommentId: number | undefined,
): SafeHtml {
  return html`<section class="comments">
    <h2>Comments (${total})</h2>
    ${comments.length === 0 && html`<p class="empty">No comments.</p>`}
    <ol>${comments.map(
      (
        comment,
      ) => html`<li id="comment-${comment.id}" class="${comment.id === focusedCommentId ? 'comment focused' : 'comment'}" ${comment.parentId !== null && html`data-reply-to="${comment.parentId}"`}>
        <p class="page-meta">${byline(users, comment.version.authorId)}, ${timeOf(comment.version.createdAtMs)}</p>
        <div class="page-body">${renderedBodyOf(view, comment)}</div>
      </li>`,
    )}</ol>
    ${total > comments.length && html`<p class="page-meta">Only the first ${comments.length} comments are shown.</p>`}
  </section>`;
}
