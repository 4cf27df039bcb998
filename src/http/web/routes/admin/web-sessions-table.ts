import type { WebSession } from '../../../../domain/web-session.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField } from '../../layout.ts';
import type { WebView } from '../../web-view.ts';
import { formatInstant } from './admin-screen.ts';

/**
 * A user's signed-in browsers, each with a button that ends it, and one that ends them all. The same table
 * serves the administrator's view of a user and the user's own "My sessions".
 */
export function webSessionsTable(
  view: WebView,
  sessions: readonly WebSession[],
  options: {
    action: string;
    /** Hidden fields naming whose sessions these are. */
    fields?: Readonly<Record<string, string>>;
    revokeAllLabel: string;
  },
): SafeHtml {
  const hidden = Object.entries(options.fields ?? {}).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  if (sessions.length === 0) return html`<p class="empty">No signed-in browsers.</p>`;
  return html`<div class="table-scroll"><table class="grid sessions">
    <thead><tr><th scope="col">Browser</th><th scope="col">Address</th><th scope="col">Last seen</th><th scope="col">Signed in</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${sessions.map(
      (session) => html`<tr>
        <td class="user-agent">${session.userAgent || 'Unknown'}</td>
        <td class="mono">${session.remoteAddress}</td>
        <td>${formatInstant(session.lastSeenAtMs)}</td>
        <td>${formatInstant(session.createdAtMs)}</td>
        <td><form method="post" action="${options.action}" class="inline">
          ${csrfField(view)}${hidden}<input type="hidden" name="session" value="${session.id}">
          <button type="submit" class="danger">Sign out</button>
        </form></td>
      </tr>`,
    )}</tbody>
  </table></div>
  <form method="post" action="${options.action}" class="toolbar">
    ${csrfField(view)}${hidden}
    <button type="submit" class="danger">${options.revokeAllLabel}</button>
  </form>`;
}
