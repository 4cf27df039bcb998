import type { Socket } from 'node:net';
import { renderV1Error } from '../v1/errors.ts';
import { renderV2Error } from '../v2/errors.ts';
import { type HttpFailure, reasonPhrase } from './error-status.ts';
import { surfaceOf } from './surface.ts';

/** What Node's HTTP parser hands over when it cannot read a request: the bytes it had, when it had some. */
type ClientError = Error & { code?: string; rawPacket?: unknown };

const messages: Readonly<Record<number, string>> = {
  400: 'The request is not valid HTTP',
  408: 'The request took too long to arrive',
  431: 'The request line and headers are larger than the server accepts',
};

/**
 * Answers a request Node's parser refused before Fastify saw it (headers over the size limit, broken
 * HTTP, a slow sender) in the error envelope of the surface its request line names. Fastify's own
 * answer, `{error, message, statusCode}`, is neither v1's nor v2's: a 1,000-clause CQL query in the URL
 * got it (the fuzzing of issue 22).
 */
export function answerClientError(error: ClientError, socket: Socket, contextPath: string): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const failure: HttpFailure = { status, message: messages[status] ?? reasonPhrase(status) };
  const raw = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1', 0, 4096) : '';
  const target = raw.split('\r\n', 1)[0]?.split(' ')[1] ?? '';
  const v2 = surfaceOf(target, '', contextPath).api === 'v2';
  const body = JSON.stringify(v2 ? renderV2Error(failure) : renderV1Error(failure));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\nContent-Type: application/json;charset=UTF-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
