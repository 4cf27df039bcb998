import type { Server } from 'node:http';
import { BlockList, isIPv4, isIPv6, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ServerLimits } from '../../config/config.ts';
import { requireExpansionWithin } from '../../domain/expansion.ts';

/**
 * What Node and Fastify already enforce, from the settings: the header time-out (Node answers 408 and
 * closes), the keep-alive idle time-out and the socket idle time-out (a download nobody reads, an upload
 * that stopped). No total request time-out: Node's `requestTimeout` would cut a big upload on a slow link
 * however steadily it sends, so Fastify's 0 stays and `watchUploadRate` polices the rate instead.
 */
export function serverOptionsFor(limits: ServerLimits) {
  return {
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.socketIdleTimeoutMs,
    requestTimeout: 0,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      // Node looks for expired headers this often (30 s by default, which would double a short time-out).
      connectionsCheckingInterval: Math.max(100, Math.min(5000, Math.floor(limits.headersTimeoutMs / 4))),
    },
  };
}

/** Installs the limits Node does not have: connections per address, upload rate and expand size. */
export function applyServerLimits(
  app: FastifyInstance,
  limits: ServerLimits,
  trustedProxies: readonly string[],
): void {
  limitConnectionsPerAddress(app.server, limits.maxConnectionsPerAddress, trustedProxies);
  app.addHook('onRequest', async (request) => {
    const { 'content-length': length, 'transfer-encoding': encoding } = request.headers;
    const hasBody = encoding !== undefined || (length !== undefined && length !== '0');
    if (hasBody) {
      watchUploadRate(request.raw.socket, request.raw, limits, (received) =>
        request.log.warn(
          { receivedBytes: received },
          'upload slower than the minimum rate: connection closed',
        ),
      );
    }
    const expand = request.query && (request.query as Record<string, unknown>).expand;
    if (request.surface.api !== 'other' && expand !== undefined) {
      requireExpansionWithin([expand].flat().map(String).join(','), {
        maxDepth: limits.maxExpandDepth,
        maxNames: limits.maxExpandNames,
      });
    }
  });
}

/**
 * Connections beyond the limit are closed as they arrive, before a byte is read: an answer would cost a
 * parse of what the client sends, which is what the limit protects. Proxies carry many clients: not counted.
 */
function limitConnectionsPerAddress(server: Server, max: number, trustedProxies: readonly string[]): void {
  if (max === 0) return;
  const proxies = blockListOf(trustedProxies);
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = plainAddress(socket.remoteAddress);
    if (address === undefined || proxies.check(address, isIPv6(address) ? 'ipv6' : 'ipv4')) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/**
 * A request body must bring `minUploadBytesPerSecond × window` bytes in each window, a rate rather than
 * a total (Apache's mod_reqtimeout MinRate; nginx's client_body_timeout is the same idea per read). A
 * window in which the server itself was not reading (the body waits in its buffer, or no one has begun to
 * read it yet) is not held against the client. Counted on the socket, so reading is left undisturbed.
 */
function watchUploadRate(
  socket: Socket,
  body: NodeJS.ReadableStream & {
    complete: boolean;
    readableLength: number;
    readableFlowing: boolean | null;
  },
  limits: ServerLimits,
  onCut: (receivedBytes: number) => void,
): void {
  if (body.complete) return;
  const start = socket.bytesRead;
  let windowStart = start;
  const timer = setInterval(() => {
    if (body.complete || socket.destroyed) return clearInterval(timer);
    const received = socket.bytesRead - windowStart;
    const serverBehind = body.readableFlowing !== true || body.readableLength > 0;
    windowStart = socket.bytesRead;
    if (serverBehind) return;
    const needed = Math.max(1, (limits.minUploadBytesPerSecond * limits.bodyTimeoutMs) / 1000);
    if (received < needed) {
      clearInterval(timer);
      onCut(socket.bytesRead - start);
      socket.destroy();
    }
  }, limits.bodyTimeoutMs);
  timer.unref();
  body.once('end', () => clearInterval(timer));
  socket.once('close', () => clearInterval(timer));
}

function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/** `::ffff:10.0.0.1`, as a dual-stack socket reports an IPv4 client, is `10.0.0.1`. */
function plainAddress(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}
