import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { Credentials } from '../../services/auth/authenticate.ts';

/** Reads `Authorization: Basic …` or `Bearer …`; a header we cannot read is a failed login, not anonymous. */
export function credentialsOf(request: FastifyRequest): Credentials {
  const header = request.headers.authorization;
  if (!header) return { scheme: 'none' };
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
