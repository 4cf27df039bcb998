import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../../domain/errors.ts';
import type { Principal } from '../../../../domain/principal.ts';
import type { User } from '../../../../domain/user.ts';
import { listWebSessions, revokeWebSessions } from '../../../../services/web-sessions/end-web-session.ts';
import { singleField } from '../../../common/form-body.ts';
import { typed } from '../../../common/schemas.ts';
import { clearSessionCookie } from '../../../common/session-cookie.ts';
import { html } from '../../html.ts';
import { sendScreen } from '../../layout.ts';
import { formOf, screenQueryOf } from '../../schemas.ts';
import { screenUrls } from '../../urls.ts';
import type { WebDeps } from '../../web-deps.ts';
import { webViewOf } from '../../web-view.ts';
import { afterChange, banners, noticeOf } from './admin-screen.ts';
import { webSessionsTable } from './web-sessions-table.ts';

const notices = { 'session-ended': () => 'That browser was signed out.' };

function signedInUser(principal: Principal): User {
  if (principal.kind !== 'user')
    throw new DomainError('not_signed_in', { detail: 'Sign in to see your sessions' });
  return principal.user;
}

/**
 * `/users/mysessions.action`: the browsers the signed-in user is signed in on, to sign one out (a lost
 * laptop) or all of them, this one included ("Sign out everywhere").
 */
export function mySessionsRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/users/mysessions.action',
      { schema: { querystring: screenQueryOf('done', 'subject') } },
      async (request, reply) => {
        const view = webViewOf(request, deps.contextPath);
        const user = signedInUser(request.principal);
        const sessions = await listWebSessions(deps.services, request.principal, user.id);
        const main = html`<h1>My sessions</h1>
          ${banners(noticeOf(notices, request.query.done, request.query.subject), undefined)}
          <p>The browsers you are signed in on. Sign one out if you no longer use it or it is not yours to use.</p>
          ${webSessionsTable(view, sessions, {
            action: screenUrls(view).mySessions(),
            revokeAllLabel: 'Sign out everywhere',
          })}`;
        return sendScreen(reply, view, { title: 'My sessions', main, styles: ['admin.css'] });
      },
    );

    app.post('/users/mysessions.action', { schema: { body: formOf('session') } }, async (request, reply) => {
      const user = signedInUser(request.principal);
      const sessionId = singleField(request.body.session) || undefined;
      await revokeWebSessions(deps.services, request.principal, user.id, sessionId);
      const url = screenUrls(webViewOf(request, deps.contextPath)).mySessions();
      if (sessionId !== undefined) return reply.redirect(afterChange(url, 'session-ended'), 303);
      // Every session ended, this browser's too: it is signed out like any other.
      clearSessionCookie(reply, deps.contextPath);
      return reply.redirect(`${deps.contextPath}/login.action`, 303);
    });
  };
}
