import assert from 'node:assert/strict';
import { adminPassword, type TestServer } from './test-server.ts';

/** A browser's session without a browser: its cookie, and the CSRF token its pages carry. */
export interface WebSessionOf {
  cookie: string;
  csrf: string;
}

/** Signs in through the sign-in form, then reads the CSRF token from the space directory's markup. */
export async function signInByForm(
  server: TestServer,
  login = 'admin',
  password = adminPassword,
): Promise<WebSessionOf> {
  const response = await server.request('POST', '/login.action', {
    auth: null,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ os_username: login, os_password: password }).toString(),
  });
  assert.equal(response.status, 303, response.text);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const page = await server.request('GET', '/', { auth: null, headers: { cookie } });
  const csrf = /<meta name="tributary-csrf" content="([^"]+)">/.exec(page.text)?.[1];
  assert.ok(csrf, 'a signed-in page carries its CSRF token');
  return { cookie, csrf };
}

/** A form post of a signed-in browser: urlencoded fields plus the session's CSRF token. */
export function formPost(session: WebSessionOf, fields: Record<string, string>) {
  return {
    auth: null,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: session.csrf, ...fields }).toString(),
  };
}
