import type { FastifyReply, FastifyRequest } from 'fastify';

// Bodies a browser form can send cross-site without a preflight; JSON cannot, so it needs no token.
const formLikeTypes = ['multipart/form-data', 'application/x-www-form-urlencoded', 'text/plain'];
const acceptedTokens = new Set(['no-check', 'nocheck']);

/**
 * Atlassian's XSRF rule (api-reference.md §0.3): a form-like write must carry `X-Atlassian-Token:
 * no-check` (or the older `nocheck`), else 403 with the plain-text body clients expect. Unlike Atlassian
 * we do not also refuse browser-looking user agents, which only breaks Electron clients.
 */
export function rejectsXsrf(request: FastifyRequest, reply: FastifyReply): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return false;
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  // A bodiless POST is a "simple" cross-site request too (`fetch` with `mode: 'no-cors'`); other
  // methods without a body need a preflight, which a foreign page cannot pass.
  const bodilessPost = request.method === 'POST' && type === '';
  if (!bodilessPost && !formLikeTypes.some((formType) => type.startsWith(formType))) return false;
  const token = String(request.headers['x-atlassian-token'] ?? '')
    .trim()
    .toLowerCase();
  if (acceptedTokens.has(token)) return false;
  reply.status(403).type('text/plain;charset=UTF-8').send('XSRF check failed');
  return true;
}
