/**
 * The one way the client talks HTTP: undici requests with credentials, a concurrency limit shared by
 * every request, retries (429 always, honouring `Retry-After`; 5xx and network failures when the request
 * is idempotent; a `Retry-After` waited out is not a failed attempt) and typed errors. Bodies stream both ways; nothing here buffers a file.
 */
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { Agent, type Dispatcher, request } from 'undici';
import { ConcurrencyLimit } from '../domain/concurrency-limit.ts';
import { authorizationOf, type Credentials } from './credentials.ts';
import {
  ConfluenceHttpError,
  ConfluenceNetworkError,
  errorCodeOf,
  RetryAfterTooLongError,
  serverMessageOf,
  UnexpectedResponseError,
} from './errors.ts';
import {
  defaultRetryPolicy,
  isIdempotent,
  isRetryableNetworkError,
  isRetryableStatus,
  nextDelayMs,
  type RetryPolicy,
  retryAfterMs,
  retryAfterVerdict,
} from './retry.ts';

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];
export type Query = Readonly<Record<string, QueryValue>>;
export type RequestBody = string | Uint8Array | Readable;

export interface RetryEvent {
  method: string;
  path: string;
  /** The attempt that failed, 1-based; a `Retry-After` waited out leaves it unchanged (it is not a failure). */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface HttpClientOptions {
  /** The site: origin plus any context path (`https://host/confluence`), without `/wiki`. */
  siteUrl: string;
  credentials?: Credentials;
  /** Requests in flight at once, over everything this client does (default 4). */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Injected in tests; defaults to a real timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected in tests; defaults to Math.random. */
  random?: () => number;
  nowMs?: () => number;
  userAgent?: string;
  /** No answer headers within this long is a network failure (default 60 s). */
  headersTimeoutMs?: number;
  /** No body bytes for this long is a network failure (default 60 s). */
  bodyTimeoutMs?: number;
  /** Told about each retry, for verbose output. */
  onRetry?: (event: RetryEvent) => void;
  dispatcher?: Dispatcher;
}

export interface RequestOptions {
  query?: Query;
  headers?: Readonly<Record<string, string>>;
  /** Called once per attempt, so a retried request sends its body again from the start. */
  body?: () => RequestBody;
  json?: unknown;
  signal?: AbortSignal;
  /** Whether a 5xx or a broken connection may be retried; by default GET, HEAD, PUT, DELETE may. */
  idempotent?: boolean;
  /** Statuses that are answers rather than errors, besides 2xx (a probe accepts 404). */
  accept?: readonly number[];
}

export interface HttpResponse {
  readonly status: number;
  readonly url: URL;
  header(name: string): string | undefined;
  /** The body as it arrives. Read it to the end or `discard()` it: until then it holds a concurrency slot. */
  readonly body: Readable;
  json(): Promise<unknown>;
  text(): Promise<string>;
  discard(): Promise<void>;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;
const maxErrorBodyBytes = 64 * 1024;

export class HttpClient {
  /** The site as given, without a trailing slash: every site-relative path is joined onto it. */
  readonly siteUrl: string;
  readonly retryPolicy: RetryPolicy;
  readonly limit: ConcurrencyLimit;
  private readonly origin: string;
  private readonly authorization: string | undefined;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly random: () => number;
  private readonly nowMs: () => number;
  private readonly sleepFor: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly userAgent: string;
  private readonly onRetry: ((event: RetryEvent) => void) | undefined;
  /** A 429's `Retry-After` holds back every request of this client, not only the one that got it. */
  private pausedUntilMs = 0;

  constructor(options: HttpClientOptions) {
    const site = new URL(options.siteUrl);
    if (site.username || site.password) {
      throw new TypeError('Give credentials separately, not inside the URL');
    }
    if (site.protocol !== 'http:' && site.protocol !== 'https:') {
      throw new TypeError(`The URL must start with http:// or https://, not ${site.protocol}`);
    }
    site.search = '';
    site.hash = '';
    this.siteUrl = site.toString().replace(/\/+$/, '');
    this.origin = site.origin;
    this.authorization = options.credentials && authorizationOf(options.credentials);
    this.retryPolicy = { ...defaultRetryPolicy, ...options.retry };
    this.limit = new ConcurrencyLimit(options.concurrency ?? 4);
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connections: this.limit.limit,
        headersTimeout: options.headersTimeoutMs ?? 60_000,
        bodyTimeout: options.bodyTimeoutMs ?? 60_000,
      });
    this.random = options.random ?? Math.random;
    this.nowMs = options.nowMs ?? Date.now;
    this.sleepFor = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
    this.userAgent = options.userAgent ?? 'tributary-client';
    this.onRetry = options.onRetry;
  }

  /** A site-relative path (`/rest/api/...`, joined onto the site URL) or an absolute URL, with a query. */
  resolve(target: string | URL, query?: Query): URL {
    const url =
      target instanceof URL
        ? new URL(target)
        : /^https?:\/\//i.test(target)
          ? new URL(target)
          : new URL(this.siteUrl + (target.startsWith('/') ? target : `/${target}`));
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    return url;
  }

  /**
   * A URL as errors show it: origin-relative on the site; elsewhere without its query, which on Cloud's
   * media host carries a signed token.
   */
  pathOf(url: URL): string {
    return url.origin === this.origin ? url.pathname + url.search : url.origin + url.pathname;
  }

  /** Waits as the retry policy says after failed attempt `attempt`; false when no attempt is left. */
  async waitBeforeRetry(attempt: number, signal?: AbortSignal): Promise<boolean> {
    const wait = nextDelayMs(attempt, this.retryPolicy, this.random);
    if (wait === undefined) return false;
    await this.sleepFor(wait, signal);
    return true;
  }

  async send(method: string, target: string | URL, options: RequestOptions = {}): Promise<HttpResponse> {
    let url = this.resolve(target, options.query);
    const release = await this.limit.acquire(options.signal);
    try {
      let redirects = 0;
      for (;;) {
        const response = await this.sendWithRetries(method, url, options);
        const location = response.headers.location;
        const canFollow = method === 'GET' || method === 'HEAD';
        if (
          redirectStatuses.has(response.statusCode) &&
          canFollow &&
          !options.accept?.includes(response.statusCode)
        ) {
          await response.body.dump();
          if (typeof location !== 'string' || redirects >= maxRedirects) {
            throw new ConfluenceHttpError(
              response.statusCode,
              method,
              this.pathOf(url),
              'redirect without an end',
            );
          }
          redirects += 1;
          url = new URL(location, url);
          continue;
        }
        return this.wrap(method, url, response, release);
      }
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Sends a request and reads its JSON answer (undefined for an empty body, such as a 204). */
  async json(method: string, target: string | URL, options: RequestOptions = {}): Promise<unknown> {
    const response = await this.send(method, target, options);
    return response.json();
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private async sendWithRetries(method: string, url: URL, options: RequestOptions) {
    const idempotent = options.idempotent ?? isIdempotent(method);
    const path = this.pathOf(url);
    // Retry-After waits are charged here, not to `attempt`: see RetryPolicy.retryAfterBudgetMs.
    let retryAfterSpentMs = 0;
    for (let attempt = 1; ; ) {
      await this.waitOutPause(options.signal);
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: method as Dispatcher.HttpMethod,
          headers: this.headersFor(url, options),
          body: options.json !== undefined ? JSON.stringify(options.json) : options.body?.(),
          dispatcher: this.dispatcher,
          signal: options.signal,
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const retryable = isRetryableNetworkError(error, idempotent);
        const wait = retryable ? nextDelayMs(attempt, this.retryPolicy, this.random) : undefined;
        if (wait === undefined) throw new ConfluenceNetworkError(method, path, error);
        this.onRetry?.({
          method,
          path,
          attempt,
          delayMs: wait,
          reason: errorCodeOf(error) ?? 'network error',
        });
        await this.sleepFor(wait, options.signal);
        attempt += 1;
        continue;
      }
      const status = response.statusCode;
      if (isRetryableStatus(status, idempotent) && !options.accept?.includes(status)) {
        const header = response.headers['retry-after'];
        const asked = retryAfterMs(typeof header === 'string' ? header : undefined, this.nowMs());
        if (asked !== undefined) {
          const verdict = retryAfterVerdict(asked, retryAfterSpentMs, this.retryPolicy);
          await response.body.dump();
          if (!verdict.wait) throw new RetryAfterTooLongError(status, method, path, asked, verdict.leftMs);
          retryAfterSpentMs += verdict.chargedMs;
          this.onRetry?.({ method, path, attempt, delayMs: asked, reason: `status ${status}, Retry-After` });
          await this.holdBack(status, asked, options.signal);
          continue;
        }
        const wait = nextDelayMs(attempt, this.retryPolicy, this.random);
        if (wait !== undefined) {
          await response.body.dump();
          this.onRetry?.({ method, path, attempt, delayMs: wait, reason: `status ${status}` });
          await this.holdBack(status, wait, options.signal);
          attempt += 1;
          continue;
        }
      }
      if (status >= 400 && !options.accept?.includes(status)) {
        const contentType = response.headers['content-type'];
        const text = await readCapped(response.body, maxErrorBodyBytes);
        const message = serverMessageOf(text, typeof contentType === 'string' ? contentType : undefined);
        throw new ConfluenceHttpError(status, method, path, message);
      }
      return response;
    }
  }

  /** A 429 holds back every request of this client (the loop's next turn waits it out); others wait alone. */
  private async holdBack(status: number, waitMs: number, signal: AbortSignal | undefined): Promise<void> {
    if (status === 429) this.pausedUntilMs = Math.max(this.pausedUntilMs, this.nowMs() + waitMs);
    else await this.sleepFor(waitMs, signal);
  }

  /** Waits until a 429's pause is over; the first to wake clears it, unless another 429 extended it. */
  private async waitOutPause(signal: AbortSignal | undefined): Promise<void> {
    const until = this.pausedUntilMs;
    const wait = until - this.nowMs();
    if (wait <= 0) return;
    await this.sleepFor(wait, signal);
    if (this.pausedUntilMs === until) this.pausedUntilMs = 0;
  }

  private headersFor(url: URL, options: RequestOptions): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.userAgent,
      ...options.headers,
    };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    // Credentials go only to the site's own origin; Cloud's download redirect to its media host needs none.
    if (this.authorization && url.origin === this.origin) headers.authorization = this.authorization;
    return headers;
  }

  private async wrap(
    method: string,
    url: URL,
    response: Dispatcher.ResponseData,
    release: () => void,
  ): Promise<HttpResponse> {
    const body = response.body;
    body.once('end', release).once('close', release).once('error', release);
    if (method === 'HEAD') await body.dump();
    const header = (name: string) => {
      const value = response.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const path = this.pathOf(url);
    return {
      status: response.statusCode,
      url,
      header,
      body,
      async json() {
        const text = await body.text();
        if (text.trim() === '') return undefined;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new UnexpectedResponseError(
            `${method} ${path}`,
            `the body is not JSON (${header('content-type')})`,
          );
        }
      },
      text: () => body.text(),
      discard: () => body.dump(),
    };
  }
}

/** The start of a body (enough for an error message); the rest is thrown away. */
async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = Buffer.from(chunk as Uint8Array);
      chunks.push(buffer);
      size += buffer.length;
      if (size >= maxBytes) break;
    }
  } catch {
    // A broken error body still leaves the status to report.
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}
