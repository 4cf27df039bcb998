/**
 * What the client throws. Every error names the method and the path it was about and never the
 * credentials: the Authorization header is never part of a message, and paths carry no userinfo.
 */

/** The server answered with a status that is not a success (after any retries). */
export class ConfluenceHttpError extends Error {
  readonly status: number;
  readonly method: string;
  /** Path and query of the request, without the origin. */
  readonly path: string;
  /** What the server said: v1 `message`, v2 `errors[0].title`/`detail`, or the start of a text body. */
  readonly serverMessage: string | undefined;

  constructor(status: number, method: string, path: string, serverMessage: string | undefined) {
    super(`${method} ${path} answered ${status}${serverMessage ? `: ${serverMessage}` : ''}`);
    this.name = 'ConfluenceHttpError';
    this.status = status;
    this.method = method;
    this.path = path;
    this.serverMessage = serverMessage;
  }
}

/**
 * The server said when to come back (`Retry-After` on a 429 or 503), but later than the request may still
 * wait: it fails now, with a message that says so, rather than hold the job for an hour.
 */
export class RetryAfterTooLongError extends ConfluenceHttpError {
  readonly retryAfterMs: number;
  readonly leftMs: number;

  constructor(status: number, method: string, path: string, retryAfterMs: number, leftMs: number) {
    super(status, method, path, undefined);
    this.name = 'RetryAfterTooLongError';
    this.message =
      `${method} ${path} answered ${status} with Retry-After ${seconds(retryAfterMs)} s, more than the ` +
      `${seconds(leftMs)} s this request may still wait for the server; try again later`;
    this.retryAfterMs = retryAfterMs;
    this.leftMs = leftMs;
  }
}

const seconds = (ms: number) => Math.ceil(ms / 1000);

/** The server could not be reached, or the connection broke before the answer was complete. */
export class ConfluenceNetworkError extends Error {
  readonly method: string;
  readonly path: string;
  /** The system or undici error code, e.g. `ECONNREFUSED`, `UND_ERR_SOCKET`. */
  readonly code: string | undefined;

  constructor(method: string, path: string, cause: unknown) {
    const code = errorCodeOf(cause);
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${method} ${path} failed: ${code ? `${code} ` : ''}${reason}`, { cause });
    this.name = 'ConfluenceNetworkError';
    this.method = method;
    this.path = path;
    this.code = code;
  }
}

/** The server answered 2xx with a body that is not the shape its API documents. */
export class UnexpectedResponseError extends Error {
  constructor(what: string, detail: string) {
    super(`Unexpected answer for ${what}: ${detail}`);
    this.name = 'UnexpectedResponseError';
  }
}

/** A download ended with a different number of bytes than the attachment has; nothing was renamed. */
export class IncompleteDownloadError extends Error {
  readonly expectedBytes: number;
  readonly receivedBytes: number;

  constructor(path: string, expectedBytes: number, receivedBytes: number) {
    super(`Download of ${path} ended after ${receivedBytes} of ${expectedBytes} bytes`);
    this.name = 'IncompleteDownloadError';
    this.expectedBytes = expectedBytes;
    this.receivedBytes = receivedBytes;
  }
}

/** The bytes of a download differ from the SHA-256 the server states for them; the file was thrown away. */
export class DownloadChecksumError extends Error {
  constructor(path: string) {
    super(`Download of ${path} does not match the SHA-256 the server states for it`);
    this.name = 'DownloadChecksumError';
  }
}

/** undici wraps socket errors; the code may sit on the error or on its cause. */
export function errorCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const maxMessageLength = 300;

/**
 * The human part of an error body: v1/DC `{message}`, v2 `{errors:[{title, detail}]}`, Atlassian's
 * plain-text `XSRF check failed`, or nothing for an HTML error page (api-reference.md §0.7).
 */
export function serverMessageOf(body: string, contentType: string | undefined): string | undefined {
  const text = body.trim();
  if (text === '') return undefined;
  if (contentType?.includes('json') || text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      if (typeof parsed.message === 'string') return clip(parsed.message);
      const first = Array.isArray(parsed.errors) ? (parsed.errors[0] as Record<string, unknown>) : undefined;
      if (first) {
        const parts = [first.title, first.detail].filter((part) => typeof part === 'string' && part !== '');
        if (parts.length > 0) return clip(parts.join(': '));
      }
    } catch {
      // Not JSON after all: fall through to the text rules.
    }
  }
  if (contentType?.includes('html') || /^<(!doctype|html)/i.test(text)) return undefined;
  return clip(text.split('\n')[0] ?? text);
}

const clip = (text: string) =>
  text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;
