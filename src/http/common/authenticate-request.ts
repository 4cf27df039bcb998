import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Authenticator, Credentials } from '../../services/auth/authenticate.ts';
import { csrfTokenMatches, sessionSecretOf } from './session-cookie.ts';

/**
 * Reads `Authorization: Basic …` or `Bearer …`, else the web interface's session cookie; a header we
 * cannot read is a failed login, not anonymous.
 */
export function credentialsOf(request: FastifyRequest): Credentials {
  const header = request.headers.authorization;
  if (!header) {
    const secret = sessionSecretOf(request);
    return secret ? { scheme: 'session', secret } : { scheme: 'none' };
  }
  const [scheme = '', ...rest] = header.trim().split(/\s+/);
  const value = rest.join(' ');
  if (scheme.toLowerCase() === 'bearer' && value) return { scheme: 'bearer', token: value };
  if (scheme.toLowerCase() === 'basic' && value) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      return { scheme: 'basic', login: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  throw new DomainError('not_signed_in', {
    detail: 'The Authorization header is not valid Basic or Bearer credentials',
  });
}

/**
 * Who the request comes from. A session cookie that has ended counts as no credentials at all, so a
 * browser whose session ran out browses on as anyone without credentials would (anonymous, or signed out).
 */
export async function authenticateRequest(
  authenticator: Authenticator,
  request: FastifyRequest,
): Promise<Principal> {
  const credentials = credentialsOf(request);
  // The client's address counts failed passwords (services/auth/sign-in-limiter.ts).
  if (credentials.scheme !== 'session') return authenticator.authenticate(credentials, request.ip);
  try {
    const principal = await authenticator.authenticate(credentials);
    request.sessionSecret = credentials.secret;
    return principal;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_signed_in') {
      return authenticator.authenticate({ scheme: 'none' });
    }
    throw error;
  }
}

/** A browser signed in by cookie must prove, on every change, that the page asking is one of ours. */
export function requireCsrfToken(request: FastifyRequest, offered: unknown): void {
  if (request.sessionSecret === null || safeMethods.has(request.method)) return;
  if (!csrfTokenMatches(request.sessionSecret, offered)) {
    throw new DomainError('permission_denied', {
      detail: 'This change lacks the CSRF token of its session: reload the page and try again',
    });
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
