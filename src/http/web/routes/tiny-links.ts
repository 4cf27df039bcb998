import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { notFound } from '../../../domain/errors.ts';
import { typed } from '../../common/schemas.ts';
import { screenUrls } from '../urls.ts';
import type { WebDeps } from '../web-deps.ts';
import { webViewOf } from '../web-view.ts';

/**
 * The id a tiny link's code stands for: the code is the id's little-endian bytes in URL-safe base64
 * (v2's `tinyCodeOf` in http/v2/present/page.ts writes it). Anything else is no link of ours.
 */
export function idOfTinyCode(code: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,11}$/.test(code)) return undefined;
  const bytes = Buffer.from(code, 'base64url');
  let id = 0n;
  for (let index = bytes.length - 1; index >= 0; index -= 1) id = (id << 8n) | BigInt(bytes[index] ?? 0);
  return id > 0n && id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : undefined;
}

/** `tinyui`: `/x/CODE` sends the browser to the page's own link, which decides who may see it. */
export function tinyLinkRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);
    app.get(
      '/x/:code',
      { schema: { params: Type.Object({ code: Type.String() }) } },
      async (request, reply) => {
        const id = idOfTinyCode(request.params.code);
        if (id === undefined) throw notFound(`No tiny link ${request.params.code}`);
        return reply.redirect(screenUrls(webViewOf(request, deps.contextPath)).page(id), 302);
      },
    );
  };
}
