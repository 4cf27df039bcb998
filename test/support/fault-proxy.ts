/**
 * A reverse proxy between a client and the real test server that injects the faults real networks and
 * real Confluence produce: 429 bursts with `Retry-After`, 5xx answers, responses cut off after some
 * bytes, connections dropped on arrival, and a hook that runs before a request is forwarded (to stop
 * the server mid-run). Everything else passes through unchanged, over real HTTP.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest {
  method: string;
  url: string;
  /** 1-based count of requests that reached the proxy. */
  count: number;
}

export interface ProxyLogEntry {
  method: string;
  url: string;
  /** The request's Range header, for resumed downloads. */
  range?: string;
  /** What the proxy did instead of forwarding plainly, if anything. */
  fault?: '429' | 'status' | 'cut' | 'dropped' | 'upstream down';
  status?: number;
}

interface Fault {
  remaining: number;
  match: RegExp;
}

export interface FaultProxy {
  /** The proxy's origin; paths (and the server's context path) pass through as they are. */
  readonly url: string;
  readonly log: ProxyLogEntry[];
  /** The most requests the proxy had in flight at once. */
  readonly maxInFlight: number;
  /** Answer the next `times` requests whose `METHOD path` matches with 429 and this `Retry-After`. */
  rateLimit(times: number, retryAfter: string | undefined, match?: RegExp): void;
  /**
   * Answer the next `times` matching requests with this status (e.g. 503) instead of forwarding them, with
   * this `Retry-After` if one is given (a 503 for maintenance).
   */
  failWith(status: number, times: number, match?: RegExp, retryAfter?: string): void;
  /** Forward the next `times` matching requests but destroy the connection after `afterBytes` of the answer's body. */
  cutResponses(times: number, afterBytes: number, match?: RegExp): void;
  /** While on, every connection is destroyed as soon as it arrives. */
  dropConnections(on: boolean): void;
  /** Forgets every fault not used up yet. */
  clearFaults(): void;
  /** Runs before each request is forwarded; the request waits for it. */
  beforeForward(hook: ((request: ProxiedRequest) => Promise<void> | void) | undefined): void;
  /** Removes a header from every answer (to make Tributary look like another server). */
  stripHeader(name: string): void;
  /** Sends later requests to another server (one restarted on a new port). */
  retarget(targetUrl: string): void;
  close(): Promise<void>;
}

const any = /.*/;

function take(faults: Fault[], key: string): Fault | undefined {
  const fault = faults.find((candidate) => candidate.remaining > 0 && candidate.match.test(key));
  if (fault) fault.remaining -= 1;
  return fault;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  let target = new URL(targetUrl);
  const rateLimits: Array<Fault & { retryAfter: string | undefined }> = [];
  const statusFaults: Array<Fault & { status: number; retryAfter: string | undefined }> = [];
  const cuts: Array<Fault & { afterBytes: number }> = [];
  let dropping = false;
  const stripped = new Set<string>();
  let hook: ((request: ProxiedRequest) => Promise<void> | void) | undefined;
  let count = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Socket>();
  // No keep-alive upstream: a stopped server must not be reached through a pooled socket.
  const upstreamAgent = new http.Agent({ keepAlive: false });

  const server = http.createServer(async (request, response) => {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const key = `${method} ${url}`;
    const entry: ProxyLogEntry = {
      method,
      url,
      ...(request.headers.range && { range: request.headers.range }),
    };
    log.push(entry);
    count += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.once('close', () => {
      inFlight -= 1;
    });
    if (dropping) {
      entry.fault = 'dropped';
      request.socket.destroy();
      return;
    }
    const limited = take(rateLimits, key) as (Fault & { retryAfter: string | undefined }) | undefined;
    if (limited) {
      entry.fault = '429';
      entry.status = 429;
      request.resume();
      response.writeHead(429, {
        'content-type': 'application/json;charset=UTF-8',
        ...(limited.retryAfter !== undefined && { 'retry-after': limited.retryAfter }),
      });
      response.end(
        JSON.stringify({ statusCode: 429, message: 'Rate limit exceeded', reason: 'Too Many Requests' }),
      );
      return;
    }
    const failing = take(statusFaults, key) as
      | (Fault & { status: number; retryAfter: string | undefined })
      | undefined;
    if (failing) {
      entry.fault = 'status';
      entry.status = failing.status;
      request.resume();
      response.writeHead(failing.status, {
        'content-type': 'application/json;charset=UTF-8',
        ...(failing.retryAfter !== undefined && { 'retry-after': failing.retryAfter }),
      });
      response.end(JSON.stringify({ statusCode: failing.status, message: 'Injected failure' }));
      return;
    }
    await hook?.({ method, url, count });
    const cut = take(cuts, key) as (Fault & { afterBytes: number }) | undefined;
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: url,
        headers: { ...request.headers, host: target.host },
        agent: upstreamAgent,
      },
      (answer) => {
        entry.status = answer.statusCode;
        const headers = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => !stripped.has(name)),
        );
        response.writeHead(answer.statusCode ?? 502, headers);
        if (!cut) {
          answer.pipe(response);
          return;
        }
        entry.fault = 'cut';
        let sent = 0;
        answer.on('data', (chunk: Buffer) => {
          const room = cut.afterBytes - sent;
          if (room > 0) response.write(chunk.subarray(0, room));
          sent += chunk.length;
          if (sent >= cut.afterBytes) {
            answer.destroy();
            response.socket?.destroy();
          }
        });
        answer.on('end', () => response.end());
      },
    );
    upstream.on('error', () => {
      // A dead server looks like one to the client: the connection just goes away.
      entry.fault ??= 'upstream down';
      request.socket.destroy();
    });
    request.pipe(upstream);
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (dropping) socket.destroy();
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    log,
    get maxInFlight() {
      return maxInFlight;
    },
    rateLimit(times, retryAfter, match = any) {
      rateLimits.push({ remaining: times, retryAfter, match });
    },
    failWith(status, times, match = any, retryAfter = undefined) {
      statusFaults.push({ remaining: times, status, match, retryAfter });
    },
    cutResponses(times, afterBytes, match = any) {
      cuts.push({ remaining: times, afterBytes, match });
    },
    clearFaults() {
      for (const list of [rateLimits, statusFaults, cuts]) list.length = 0;
      dropping = false;
    },
    dropConnections(on) {
      dropping = on;
    },
    beforeForward(next) {
      hook = next;
    },
    stripHeader(name) {
      stripped.add(name.toLowerCase());
    },
    retarget(next) {
      target = new URL(next);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      upstreamAgent.destroy();
    },
  };
}
