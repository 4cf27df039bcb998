import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, forbidden } from '../../../../domain/errors.ts';
import { isAdministrator, type Principal } from '../../../../domain/principal.ts';
import { toFailure } from '../../../common/error-handler.ts';
import { singleField } from '../../../common/form-body.ts';
import { html, type SafeHtml } from '../../html.ts';
import { type Crumb, sendScreen } from '../../layout.ts';
import { screenUrls } from '../../urls.ts';
import type { WebView } from '../../web-view.ts';

export type AdminSection = 'users' | 'groups' | 'apps' | 'audit';

/**
 * The administration screens are for site administrators only; the services check again, but the
 * screens turn others away first, with words a person understands rather than the API's.
 */
export function requireSiteAdministrator(principal: Principal): void {
  if (principal.kind === 'anonymous') {
    throw new DomainError('not_signed_in', { detail: 'Sign in to administer the site' });
  }
  if (!isAdministrator(principal)) {
    throw forbidden(
      'Administration is only for site administrators (members of confluence-administrators). Ask one of them for help.',
    );
  }
}

/** The navigation shared by the administration screens. */
export function adminNav(view: WebView, current: AdminSection): SafeHtml {
  const urls = screenUrls(view);
  const sections: [AdminSection, string, string][] = [
    ['users', 'Users', urls.adminUsers()],
    ['groups', 'Groups', urls.adminGroups()],
    ['apps', 'Apps', urls.adminApps()],
    ['audit', 'Audit log', urls.auditLog()],
  ];
  return html`<nav class="admin-nav" aria-label="Administration">
    <ul>${sections.map(
      ([section, label, href]) =>
        html`<li><a href="${href}" ${section === current && html`aria-current="page"`}>${label}</a></li>`,
    )}</ul>
  </nav>`;
}

export interface AdminScreen {
  title: string;
  main: SafeHtml;
  /** What the last change did (shown once, after its redirect). */
  notice?: string | undefined;
  /** Why the change just posted was refused. */
  problem?: string | undefined;
  breadcrumbs?: readonly Crumb[];
}

/** Notice and problem banners, the same on every screen of the area. */
export function banners(notice: string | undefined, problem: string | undefined): SafeHtml {
  return html`${notice && html`<p class="notice ok" role="status">${notice}</p>`}
    ${problem && html`<p class="notice error" role="alert">${problem}</p>`}`;
}

/** An administration screen: the admin navigation beside the screen's own content. */
export function sendAdminScreen(
  reply: FastifyReply,
  view: WebView,
  section: AdminSection,
  screen: AdminScreen,
  status = 200,
): FastifyReply {
  const main = html`<div class="admin-layout">
    ${adminNav(view, section)}
    <div class="admin-content">${banners(screen.notice, screen.problem)}${screen.main}</div>
  </div>`;
  const breadcrumbs = screen.breadcrumbs ?? [
    { label: 'Administration', href: screenUrls(view).adminUsers() },
  ];
  return sendScreen(
    reply,
    view,
    { title: screen.title, main, breadcrumbs, styles: ['admin.css'], scripts: ['admin.js'] },
    status,
  );
}

/** A refused change the visitor can correct: shown on the form again, with its status. */
export interface Refusal {
  status: number;
  message: string;
}

const correctable = [400, 404, 409];

/**
 * Runs a change; a mistake in the input (bad value, unknown name, duplicate) comes back as a refusal for
 * the form to show, and anything else (no permission, a fault) is thrown to the error page as usual.
 */
export async function attempt<T>(
  request: FastifyRequest,
  change: () => Promise<T>,
): Promise<{ value: T; refusal?: undefined } | { refusal: Refusal }> {
  try {
    return { value: await change() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const failure = toFailure(error, request);
    if (!correctable.includes(failure.status)) throw error;
    return { refusal: failure };
  }
}

/**
 * Where to go after a change: back to the screen, naming what was done (a word from the screen's own list
 * of notices, never text to show as given) and to whom.
 */
export function afterChange(url: string, done: string, subject = ''): string {
  const flag = `done=${encodeURIComponent(done)}${subject && `&subject=${encodeURIComponent(subject)}`}`;
  return `${url}${url.includes('?') ? '&' : '?'}${flag}`;
}

/** The notice for a `done` flag, from the screen's list; a flag it does not know shows nothing. */
export function noticeOf(
  notices: Readonly<Record<string, (subject: string) => string>>,
  done: unknown,
  subject: unknown,
): string | undefined {
  const word = singleField(done);
  const describe = word !== undefined && Object.hasOwn(notices, word) ? notices[word] : undefined;
  return describe?.(singleField(subject) ?? '');
}

/** An instant as administrators read it in a table: UTC, to the minute. */
export const formatInstant = (ms: number): string =>
  `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Previous and next links of a paged list, keeping its other query parameters. */
export function pager(
  baseUrl: string,
  window: { start: number; limit: number },
  total: number,
  label: string,
): SafeHtml {
  const link = (start: number) => `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}start=${start}`;
  const last = Math.min(total, window.start + window.limit);
  return html`<nav class="pager" aria-label="${label} pages">
    <span>${total === 0 ? 'None' : `${window.start + 1}–${last} of ${total}`}</span>
    ${window.start > 0 && html`<a href="${link(Math.max(0, window.start - window.limit))}">Previous</a>`}
    ${last < total && html`<a href="${link(last)}">Next</a>`}
  </nav>`;
}

/** `start` of a paged screen: a whole number, 0 when absent or not one. */
export function startOf(value: unknown): number {
  const text = singleField(value) ?? '';
  return /^\d{1,9}$/.test(text) ? Number(text) : 0;
}
