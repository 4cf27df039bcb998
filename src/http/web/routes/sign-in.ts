import type { FastifyInstance } from 'fastify';
import { DomainError, forbidden, isDomainError } from '../../../domain/errors.ts';
import { anonymousPrincipal } from '../../../domain/principal.ts';
import type { Authenticator } from '../../../services/auth/authenticate.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { endWebSession } from '../../../services/web-sessions/end-web-session.ts';
import { startWebSession } from '../../../services/web-sessions/start-web-session.ts';
import { singleField } from '../../common/form-body.ts';
import { typed } from '../../common/schemas.ts';
import {
  clearSessionCookie,
  csrfTokenMatches,
  postedFromAnotherSite,
  sessionSecretOf,
  setSessionCookie,
} from '../../common/session-cookie.ts';
import { html } from '../html.ts';
import { renderScreen } from '../layout.ts';
import { formOf, screenQueryOf } from '../schemas.ts';
import { safeDestination } from '../web-errors.ts';
import { webViewOf } from '../web-view.ts';

export interface SignInDeps {
  services: ServiceDeps;
  authenticator: Authenticator;
  contextPath: string;
  sessionIdleMs: number;
}

/** Confluence's own sign-in and sign-out URLs (`/login.action?os_destination=…`, `/logout.action`). */
export function signInRoutes(deps: SignInDeps) {
  const { contextPath } = deps;
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    const form = (
      request: Parameters<typeof webViewOf>[0],
      destination: string,
      problem?: string,
      login = '',
    ) => {
      request.principal = anonymousPrincipal;
      const view = webViewOf(request, contextPath);
      const main = html`<section class="sign-in">
        <h1>Sign in to Tributary</h1>
        ${problem && html`<p class="notice error" role="alert">${problem}</p>`}
        <form method="post" action="${contextPath}/login.action">
          <input type="hidden" name="os_destination" value="${destination}">
          <label for="os_username">Username</label>
          <input id="os_username" name="os_username" autocomplete="username" required value="${login}" ${!login && html`autofocus`}>
          <label for="os_password">Password</label>
          <input id="os_password" name="os_password" type="password" autocomplete="current-password" required ${login && html`autofocus`}>
          <button type="submit" class="primary">Sign in</button>
        </form>
      </section>`;
      return renderScreen(view, { title: 'Sign in', main, kind: 'narrow' });
    };

    app.get(
      '/login.action',
      { config: { public: true }, schema: { querystring: screenQueryOf('os_destination') } },
      async (request, reply) => {
        const destination = safeDestination(singleField(request.query.os_destination), contextPath);
        return reply.type('text/html; charset=utf-8').send(form(request, destination));
      },
    );

    const signInForm = formOf('os_username', 'os_password', 'os_destination');
    app.post(
      '/login.action',
      { config: { public: true }, schema: { body: signInForm } },
      async (request, reply) => {
        const { body } = request;
        const login = singleField(body.os_username) ?? '';
        const password = singleField(body.os_password) ?? '';
        const destination = safeDestination(singleField(body.os_destination), contextPath);
        if (postedFromAnotherSite(request)) {
          const problem = 'Sign in with the form of this site: this one was sent from another site.';
          return reply
            .status(403)
            .type('text/html; charset=utf-8')
            .send(form(request, destination, problem, login));
        }
        try {
          const { secret } = await startWebSession(deps.services, deps.authenticator, {
            login,
            password,
            userAgent: request.headers['user-agent'] ?? '',
            remoteAddress: request.ip,
            idleMs: deps.sessionIdleMs,
          });
          // The session this browser held before, if any, ends: one browser, one session.
          const previous = sessionSecretOf(request);
          if (previous !== undefined) await endWebSession(deps.services, previous);
          setSessionCookie(reply, secret, contextPath);
          // 303: the browser follows with a GET, and Back does not post the password again.
          return reply.redirect(destination, 303);
        } catch (error) {
          if (isDomainError(error, 'too_many_sign_in_attempts')) {
            const { retryAfterSeconds } = error.params;
            const problem = `Too many failed sign-in attempts for this user or from this address. Sign-in is locked for now: try again in ${waitText(retryAfterSeconds)}, or ask an administrator.`;
            return reply
              .status(429)
              .header('retry-after', String(retryAfterSeconds))
              .type('text/html; charset=utf-8')
              .send(form(request, destination, problem, login));
          }
          if (!(error instanceof DomainError && error.code === 'not_signed_in')) throw error;
          return reply
            .status(401)
            .type('text/html; charset=utf-8')
            .send(
              form(request, destination, 'Wrong username or password, or the account is deactivated.', login),
            );
        }
      },
    );

    // Public, so that a browser whose session has already ended can still clear its cookie; a live
    // session ends only with its CSRF token.
    app.post(
      '/logout.action',
      { config: { public: true }, schema: { body: formOf() } },
      async (request, reply) => {
        const secret = sessionSecretOf(request);
        const live =
          secret !== undefined &&
          (await deps.authenticator.authenticate({ scheme: 'session', secret }).then(
            () => true,
            () => false,
          ));
        if (secret !== undefined && live) {
          if (!csrfTokenMatches(secret, singleField(request.body.csrf))) {
            throw forbidden('Signing out needs the CSRF token of the session: reload the page and try again');
          }
          await endWebSession(deps.services, secret);
        }
        clearSessionCookie(reply, contextPath);
        return reply.redirect(`${contextPath}/login.action`, 303);
      },
    );
  };
}

const waitText = (seconds: number) =>
  seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
