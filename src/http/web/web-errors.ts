import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { anonymousPrincipal } from '../../domain/principal.ts';
import { toFailure } from '../common/error-handler.ts';
import { html } from './html.ts';
import { sendScreen } from './layout.ts';
import { webViewOf } from './web-view.ts';

const titles: Record<number, string> = {
  400: 'That did not work',
  403: 'Not permitted',
  404: 'Page not found',
  409: 'That did not work',
  413: 'Too large',
  429: 'Try again later',
};

/**
 * Where the sign-in form sends the visitor afterwards: only a path on this site, never another origin.
 * Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` would become
 * `//evil.example`; the path is resolved as a browser would and must stay on this origin.
 */
export function safeDestination(destination: unknown, contextPath: string): string {
  const fallback = `${contextPath}/`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
  if (typeof destination !== 'string' || /[\x00-\x20\x7f\\]/.test(destination)) return fallback;
  const origin = 'http://this.site';
  let resolved: URL;
  try {
    resolved = new URL(destination, origin);
  } catch {
    return fallback;
  }
  const path = resolved.pathname + resolved.search + resolved.hash;
  const onThisSite = resolved.origin === origin && destination.startsWith('/') && path === destination;
  return onThisSite && destination.startsWith(`${contextPath}/`) ? destination : fallback;
}

export const signInUrl = (contextPath: string, destination: string) =>
  `${contextPath}/login.action?os_destination=${encodeURIComponent(destination)}`;

/**
 * The web interface's errors are pages, in the visitor's words; a visitor who is not signed in is sent to
 * the sign-in form (never the browser's Basic prompt) and comes back here afterwards. Something the
 * visitor may not see is "not found", exactly as the API says it.
 */
export function sendWebFailure(
  contextPath: string,
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const notSignedIn = error instanceof DomainError && error.code === 'not_signed_in';
  if (notSignedIn && (request.method === 'GET' || request.method === 'HEAD')) {
    return reply.redirect(signInUrl(contextPath, request.url), 302);
  }
  const failure = toFailure(error, request);
  if (failure.retryAfterSeconds !== undefined) reply.header('retry-after', String(failure.retryAfterSeconds));
  request.principal ??= anonymousPrincipal;
  const view = webViewOf(request, contextPath);
  const title =
    titles[failure.status] ?? (failure.status >= 500 ? 'Something went wrong' : 'That did not work');
  const main = html`<section class="error-page">
    <h1>${title}</h1>
    <p>${failure.status === 404 ? 'The page you asked for does not exist, or you may not see it.' : failure.message}</p>
    <p><a href="${view.root}/">Go to the space directory</a></p>
  </section>`;
  return sendScreen(reply, view, { title, main }, failure.status);
}
