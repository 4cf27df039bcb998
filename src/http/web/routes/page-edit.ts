import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Content, Space } from '../../../domain/content.ts';
import { DomainError } from '../../../domain/errors.ts';
import { createContent } from '../../../services/content/create-content.ts';
import { getContent } from '../../../services/content/get-content.ts';
import { updateContent } from '../../../services/content/update-content.ts';
import { requireCreate, requireRight } from '../../../services/permissions/policy.ts';
import { getSpace } from '../../../services/spaces/get-space.ts';
import { toFailure } from '../../common/error-handler.ts';
import { singleField } from '../../common/form-body.ts';
import { typed } from '../../common/schemas.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, sendScreen } from '../layout.ts';
import { formOf, screenQueryOf } from '../schemas.ts';
import { screenUrls } from '../urls.ts';
import type { WebDeps } from '../web-deps.ts';
import { type WebView, webViewOf } from '../web-view.ts';
import { contentIdOf } from './page-view.ts';

const editableTypes = ['page', 'blogpost'];

interface Draft {
  title: string;
  storage: string;
}

/** The words for a refused save, shown above the form with what was typed kept in it. */
function problemOf(error: unknown, request: FastifyRequest): { status: number; message: string } | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'stale_version') {
    return {
      status: 409,
      message: `Someone else saved version ${String(error.params.currentVersion ?? '')} while you were editing. Your text is still below: copy it, open the page again, and make your change there.`,
    };
  }
  const failure = toFailure(error, request);
  return failure.status === 400 ? failure : undefined;
}

function editorFields(draft: Draft): SafeHtml {
  return html`<label for="content-title">Title</label>
    <input id="content-title" name="title" required maxlength="255" value="${draft.title}">
    <label for="content-body">Body (storage format)</label>
    <textarea id="content-body" name="content" rows="20" spellcheck="true">${draft.storage}</textarea>`;
}

/**
 * The editor at Confluence's links: Cloud's `editui` (`/pages/resumedraft.action?draftId=ID`), Data
 * Center's `/pages/editpage.action?pageId=ID` and `/pages/createpage.action?spaceKey=KEY&fromPageId=ID`.
 * Saves go through the same use cases as `PUT`/`POST /rest/api/content`: version + 1, or a conflict.
 */
export function pageEditRoutes(deps: WebDeps) {
  const { services } = deps;
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    const editScreen = (
      view: WebView,
      reply: FastifyReply,
      content: Content,
      draft: Draft,
      problem?: { status: number; message: string },
    ) => {
      const urls = screenUrls(view);
      const main = html`<h1>Edit ${content.title}</h1>
        ${problem && html`<p class="notice error" role="alert">${problem.message}</p>`}
        <form method="post" action="${view.root}/pages/doeditpage.action" class="content-editor">
          ${csrfField(view)}
          <input type="hidden" name="pageId" value="${content.id}">
          <input type="hidden" name="originalVersion" value="${content.version.number}">
          ${editorFields(draft)}
          <div class="toolbar">
            <button type="submit" class="primary">Save</button>
            <a class="button" href="${urls.page(content.id)}">Cancel</a>
          </div>
        </form>`;
      return sendScreen(
        reply,
        view,
        {
          title: `Edit ${content.title}`,
          main,
          styles: ['pages.css'],
          breadcrumbs: [{ label: content.title, href: urls.page(content.id) }],
        },
        problem?.status,
      );
    };

    /** The item to edit, when the visitor may edit it: 404 when they may not see it, 403 as the API says. */
    const editable = async (request: FastifyRequest, idText: string | undefined) => {
      const content = await getContent(services, request.principal, contentIdOf(idText));
      if (!editableTypes.includes(content.type))
        throw new DomainError('not_found', { detail: 'Not editable here' });
      await requireRight(services, request.principal, content, 'update');
      return content;
    };

    for (const [path, param] of [
      ['/pages/resumedraft.action', 'draftId'],
      ['/pages/editpage.action', 'pageId'],
    ] as const) {
      app.get(path, { schema: { querystring: screenQueryOf(param) } }, async (request, reply) => {
        const content = await editable(request, singleField(request.query[param]));
        const view = webViewOf(request, deps.contextPath);
        return editScreen(view, reply, content, {
          title: content.title,
          storage: content.version.body?.value ?? '',
        });
      });
    }

    app.post(
      '/pages/doeditpage.action',
      { schema: { body: formOf('pageId', 'originalVersion', 'title', 'content') } },
      async (request, reply) => {
        const { body } = request;
        const content = await editable(request, singleField(body.pageId));
        const view = webViewOf(request, deps.contextPath);
        const draft = { title: singleField(body.title) ?? '', storage: singleField(body.content) ?? '' };
        const original = Number(singleField(body.originalVersion));
        try {
          await updateContent(services, request.principal, content.id, {
            versionNumber: Number.isSafeInteger(original) ? original + 1 : undefined,
            title: draft.title,
            body: { representation: 'storage', value: draft.storage },
          });
        } catch (error) {
          const problem = problemOf(error, request);
          if (problem === undefined) throw error;
          return editScreen(view, reply, content, draft, problem);
        }
        // 303: the browser shows the saved page with a GET, and Back does not post the form again.
        return reply.redirect(screenUrls(view).page(content.id), 303);
      },
    );

    const createScreen = (
      view: WebView,
      reply: FastifyReply,
      space: Space,
      parentId: string | undefined,
      draft: Draft,
      problem?: { status: number; message: string },
    ) => {
      const main = html`<h1>Create a page in ${space.name}</h1>
        ${problem && html`<p class="notice error" role="alert">${problem.message}</p>`}
        <form method="post" action="${view.root}/pages/docreatepage.action" class="content-editor">
          ${csrfField(view)}
          <input type="hidden" name="spaceKey" value="${space.key}">
          ${parentId !== undefined && html`<input type="hidden" name="fromPageId" value="${parentId}">`}
          ${editorFields(draft)}
          <div class="toolbar"><button type="submit" class="primary">Create</button></div>
        </form>`;
      const crumbs = [{ label: space.name, href: screenUrls(view).space(space.key) }];
      return sendScreen(
        reply,
        view,
        { title: `Create a page in ${space.name}`, main, styles: ['pages.css'], breadcrumbs: crumbs },
        problem?.status,
      );
    };

    app.get(
      '/pages/createpage.action',
      { schema: { querystring: screenQueryOf('spaceKey', 'fromPageId') } },
      async (request, reply) => {
        const space = await getSpace(services, request.principal, singleField(request.query.spaceKey) ?? '');
        await requireCreate(services, request.principal, space.id, { type: 'page' });
        const view = webViewOf(request, deps.contextPath);
        const parentId = singleField(request.query.fromPageId);
        return createScreen(view, reply, space, parentId, { title: '', storage: '' });
      },
    );

    app.post(
      '/pages/docreatepage.action',
      { schema: { body: formOf('spaceKey', 'fromPageId', 'title', 'content') } },
      async (request, reply) => {
        const { body } = request;
        const space = await getSpace(services, request.principal, singleField(body.spaceKey) ?? '');
        const view = webViewOf(request, deps.contextPath);
        const parentText = singleField(body.fromPageId) || undefined;
        const draft = { title: singleField(body.title) ?? '', storage: singleField(body.content) ?? '' };
        try {
          const created = await createContent(services, request.principal, {
            type: 'page',
            spaceKey: space.key,
            title: draft.title,
            parentId: parentText === undefined ? undefined : contentIdOf(parentText),
            body: { representation: 'storage', value: draft.storage },
          });
          return reply.redirect(screenUrls(view).page(created.id), 303);
        } catch (error) {
          const problem = problemOf(error, request);
          if (problem === undefined) throw error;
          return createScreen(view, reply, space, parentText, draft, problem);
        }
      },
    );
  };
}
