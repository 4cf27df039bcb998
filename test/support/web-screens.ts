import assert from 'node:assert/strict';
import type { TestResponse, TestServer } from './test-server.ts';
import { formPost, type WebSessionOf } from './web-session.ts';

/** A screen as the signed-in browser of `session` asks for it. */
export function screenOf(server: TestServer, session: WebSessionOf, path: string): Promise<TestResponse> {
  return server.request('GET', path, { auth: null, headers: { cookie: session.cookie } });
}

/**
 * Posts a form of a screen and follows its 303 back, as a browser does; answers the screen it lands on
 * (with the notice of what changed) and where that was.
 */
export async function submitForm(
  server: TestServer,
  session: WebSessionOf,
  path: string,
  fields: Record<string, string>,
): Promise<{ location: string; screen: TestResponse }> {
  const posted = await server.request('POST', path, formPost(session, fields));
  assert.equal(posted.status, 303, posted.text);
  const location = posted.headers.get('location') ?? '';
  return { location, screen: await screenOf(server, session, location) };
}
