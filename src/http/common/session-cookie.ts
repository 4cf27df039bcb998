import { createHash, timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

const cookieName = 'tributary.session';

/** The web session's secret from its cookie, if the request carries one. */
export function sessionSecretOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const secret = parseCookie(header)[cookieName];
  return secret && /^[A-Za-z0-9_-]{20,100}$/.test(secret) ? secret : undefined;
}

/**
 * HttpOnly keeps page scripts away from it; SameSite=Lax keeps it off cross-site writes while a link
 * from elsewhere still opens a page signed in; Secure whenever the browser reached us over https.
 */
export function setSessionCookie(reply: FastifyReply, secret: string, path: string): void {
  reply.header(
    'set-cookie',
    stringifySetCookie(cookieName, secret, {
      httpOnly: true,
      sameSite: 'lax',
      secure: reply.request.protocol === 'https',
      path: path || '/',
    }),
  );
}

export function clearSessionCookie(reply: FastifyReply, path: string): void {
  reply.header(
    'set-cookie',
    stringifySetCookie(cookieName, '', {
      httpOnly: true,
      sameSite: 'lax',
      path: path || '/',
      maxAge: 0,
    }),
  );
}

/**
 * The token a signed-in page puts in its forms and fetches. Derived from the session's secret, which a
 * page on another origin cannot read, so nothing more needs storing (the "signed double submit" pattern).
 */
export function csrfTokenOf(sessionSecret: string): string {
  return createHash('sha256').update(`csrf\0${sessionSecret}`).digest('base64url');
}

export function csrfTokenMatches(sessionSecret: string, offered: unknown): boolean {
  if (typeof offered !== 'string') return false;
  const expected = Buffer.from(csrfTokenOf(sessionSecret));
  const given = Buffer.from(offered);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Header a signed-in page's scripts send the token in, on every request that changes something. */
export const csrfHeader = 'x-tributary-csrf';

/**
 * A form posted from a page of another site. Browsers say so in `Sec-Fetch-Site`, older ones by the
 * `Origin` they send. Signing in is the one change without a session (so without a token): this keeps
 * another site from signing a visitor in as someone else (login CSRF).
 */
export function postedFromAnotherSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== request.host;
  } catch {
    return true;
  }
}
