import { once } from 'node:events';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyReply } from 'fastify';

const isReadable = (payload: unknown): payload is Readable =>
  typeof (payload as Readable | null)?.pipe === 'function';

/**
 * An `onSend` payload that carries only the first `maxBytes` of `payload`, after which the connection is
 * closed, as a network that fails mid-answer does. The head says the whole length (a JSON body's
 * Content-Length is set here; a download states its own), so the client can tell the body was cut short.
 * A body no longer than `maxBytes` passes whole.
 */
export function cutResponse(payload: unknown, maxBytes: number, reply: FastifyReply): unknown {
  let source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
    const bytes = Buffer.from(payload);
    if (bytes.length <= maxBytes) return payload;
    reply.header('content-length', String(bytes.length));
    source = [bytes];
  } else if (isReadable(payload)) {
    source = payload;
  } else {
    return payload;
  }
  const response = reply.raw;
  return Readable.from(
    (async function* cut() {
      let sent = 0;
      let cut = false;
      for await (const chunk of source) {
        const room = maxBytes - sent;
        if (chunk.length <= room) {
          sent += chunk.length;
          yield chunk;
          continue;
        }
        if (room > 0) yield chunk.subarray(0, room);
        cut = true;
        // Leaving the loop destroys a streamed source (a blob being read).
        break;
      }
      const socket = response.socket;
      if (!cut || !socket) return;
      // The bytes yielded reach the response on a later tick, and the socket after its cork is lifted;
      // only then may it close, else the client would see fewer than `maxBytes`.
      await nextTurn();
      const closed = once(response, 'close');
      socket.destroySoon();
      // Ending the stream would have the response end too, writing to a closed socket.
      await closed;
    })(),
    { objectMode: false },
  );
}
