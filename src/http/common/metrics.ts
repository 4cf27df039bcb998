import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsAccess } from '../../config/config.ts';
import type { PoolStats } from '../../ports/metadata-store.ts';
import { requireAdministrator } from '../../services/auth/require-administrator.ts';

export interface MetricsOptions {
  /** The route pattern a request is counted under, as the client addressed it (prefix-aliases.ts). */
  routeOf: (request: FastifyRequest) => string | undefined;
  access: MetricsAccess;
  contextPath: string;
  /** The database pool, where the store keeps one (PostgreSQL); SQLite has none. */
  poolStats?: () => PoolStats;
}

interface RouteSeries {
  requests: Counter.Internal;
  duration: Histogram.Internal<string>;
}

/**
 * `GET /metrics` in Prometheus' text format: requests by route pattern (never the raw URL, which would
 * make a series per page id) and status, their durations, bytes in and out, the database pool and the
 * process. One `onResponse` hook does the counting; after a route's first request it allocates nothing
 * (the series of each method, route and status are looked up in nested maps). A registry per app, so
 * several servers in one process (tests) keep apart; returned, for other parts' series (rate-limit.ts).
 */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions): Registry | undefined {
  if (options.access === 'off') return undefined;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tributary_' });
  const requests = new Counter({
    name: 'tributary_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tributary_http_request_duration_seconds',
    help: 'Time from a request arriving to its response being sent, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const received = new Counter({
    name: 'tributary_http_received_bytes_total',
    help: 'Bytes received over HTTP, headers included (uploads are most of it)',
    registers: [registry],
  });
  const sent = new Counter({
    name: 'tributary_http_sent_bytes_total',
    help: 'Bytes sent over HTTP, headers included (downloads are most of it)',
    registers: [registry],
  });
  const { poolStats } = options;
  if (poolStats) {
    new Gauge({
      name: 'tributary_database_pool_connections',
      help: 'Connections of the database pool: open in all, idle, and callers waiting for one',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const stats = poolStats();
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
  }

  const series = new Map<string, Map<string, Map<number, RouteSeries>>>();
  const seriesOf = (route: string, method: string, status: number): RouteSeries => {
    let byMethod = series.get(route);
    if (!byMethod) {
      byMethod = new Map();
      series.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (!byStatus) {
      byStatus = new Map();
      byMethod.set(method, byStatus);
    }
    let found = byStatus.get(status);
    if (!found) {
      const labels = [method, route, String(status)];
      found = { requests: requests.labels(...labels), duration: duration.labels(...labels) };
      byStatus.set(status, found);
    }
    return found;
  };
  // A keep-alive connection carries several requests: each counts the bytes since the one before.
  const counted = new WeakMap<Socket, { read: number; written: number }>();

  app.addHook('onResponse', async (request, reply) => {
    const route = options.routeOf(request) ?? 'unmatched';
    const found = seriesOf(route, request.method, reply.statusCode);
    found.requests.inc();
    found.duration.observe(reply.elapsedTime / 1000);
    const socket = request.raw.socket;
    const before = counted.get(socket);
    if (before) {
      received.inc(socket.bytesRead - before.read);
      sent.inc(socket.bytesWritten - before.written);
      before.read = socket.bytesRead;
      before.written = socket.bytesWritten;
    } else {
      received.inc(socket.bytesRead);
      sent.inc(socket.bytesWritten);
      counted.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
    }
  });

  const isPublic = options.access === 'public';
  app.get(`${options.contextPath}/metrics`, { config: { public: isPublic } }, async (request, reply) => {
    if (!isPublic) requireAdministrator(request.principal);
    reply.header('content-type', registry.contentType);
    reply.header('cache-control', 'no-store');
    return registry.metrics();
  });
  return registry;
}
