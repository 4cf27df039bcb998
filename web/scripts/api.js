// @ts-check
/**
 * What every script of the web interface shares: the site's paths and the session's CSRF token from the
 * page, and fetch/upload calls to the public API that carry them. The interface has no private API.
 */

/** @param {string} name */
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';

/** Where the interface's links start (context path, plus /wiki on Cloud-style links). */
export const root = meta('tributary-root');
/** The site's context path: the REST APIs live under it. */
export const contextPath = meta('tributary-context');

/** Headers of every request that changes something: our CSRF token, and Atlassian's XSRF opt-out. */
export function changeHeaders() {
  return { 'X-Tributary-CSRF': meta('tributary-csrf'), 'X-Atlassian-Token': 'no-check' };
}

/**
 * Calls the public REST API as the signed-in browser. JSON in and out; a failure becomes an Error whose
 * message is the API's own (v1 `message`, v2 `errors[0].title`).
 * @param {string} path under the context path, e.g. `/rest/api/content/12`
 * @param {{ method?: string, json?: unknown }} [options]
 */
export async function api(path, options = {}) {
  const method = options.method ?? 'GET';
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', ...(method === 'GET' ? {} : changeHeaders()) };
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(contextPath + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await response.text();
  const body = text ? safeJson(text) : undefined;
  if (!response.ok) throw new Error(messageOf(response.status, body, text));
  return body;
}

/** @param {string} text */
function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The API's own words for a failure, whichever surface answered.
 * @param {number} status
 * @param {any} body
 * @param {string} text
 */
export function messageOf(status, body, text) {
  const message =
    body?.message ?? body?.errors?.[0]?.title ?? body?.errors?.[0]?.detail ?? text.slice(0, 200);
  return message ? String(message) : `The server answered ${status}`;
}

/**
 * Sends a multipart form with upload progress (fetch cannot report it), through the same endpoints as
 * any client.
 * @param {string} path under the context path
 * @param {FormData} form
 * @param {(loaded: number, total: number) => void} onProgress
 * @param {string} [method]
 * @returns {Promise<{ status: number, body: any, text: string }>}
 */
export function upload(path, form, onProgress, method = 'POST') {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, contextPath + path);
    for (const [name, value] of Object.entries(changeHeaders())) request.setRequestHeader(name, value);
    request.setRequestHeader('Accept', 'application/json');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    request.addEventListener('load', () =>
      resolve({ status: request.status, body: safeJson(request.responseText), text: request.responseText }),
    );
    request.addEventListener('error', () => reject(new Error('The connection failed')));
    request.addEventListener('abort', () => reject(new Error('Cancelled')));
    request.send(form);
  });
}

/** @param {number} bytes */
export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
