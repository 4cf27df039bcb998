import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../domain/principal.ts';
import { csrfTokenOf } from '../common/session-cookie.ts';

/** What every screen needs to know about the request it answers. */
export interface WebView {
  principal: Principal;
  /**
   * Where links of the interface start: the context path, plus `/wiki` when the screen was reached on a
   * Cloud-style link, so a visitor stays on the link style they came by.
   */
  root: string;
  /** The site's own context path (static files, the sign-in form). */
  contextPath: string;
  /** For the forms and fetches of a browser signed in by session; null otherwise (Basic, anonymous). */
  csrfToken: string | null;
  /** Path and query of this screen, relative to `root`: where the sign-in form returns to. */
  here: string;
}

export function webViewOf(request: FastifyRequest, contextPath: string): WebView {
  const root = request.surface.context;
  const url = request.url.startsWith(root) ? request.url.slice(root.length) : request.url;
  return {
    principal: request.principal,
    root,
    contextPath,
    csrfToken: request.sessionSecret === null ? null : csrfTokenOf(request.sessionSecret),
    here: url || '/',
  };
}
