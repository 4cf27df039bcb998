import type { FastifyReply } from 'fastify';
import { isAdministrator } from '../../domain/principal.ts';
import { html, type SafeHtml } from './html.ts';
import { screenUrls } from './urls.ts';
import type { WebView } from './web-view.ts';

export interface Crumb {
  label: string;
  href: string;
}

export interface Screen {
  /** The document title, before " - Tributary". Every screen has one. */
  title: string;
  main: SafeHtml;
  breadcrumbs?: readonly Crumb[];
  /** Module scripts under web/scripts/ that this screen runs (by file name). */
  scripts?: readonly string[];
  /** Style sheets under web/ beyond app.css, for one area's screens (by file name). */
  styles?: readonly string[];
  /** A class on <body> for screen-specific layout. */
  kind?: string;
}

export const assetPath = (view: Pick<WebView, 'contextPath'>, file: string) =>
  `${view.contextPath}/s/tributary/${file}`;

/** The hidden field every form that changes something carries (checked by the web routes' hook). */
export const csrfField = (view: WebView) =>
  view.csrfToken === null ? '' : html`<input type="hidden" name="csrf" value="${view.csrfToken}">`;

function accountMenu(view: WebView): SafeHtml {
  const { principal } = view;
  if (principal.kind !== 'user') {
    const back = encodeURIComponent(view.root + view.here);
    return html`<a class="button" href="${view.contextPath}/login.action?os_destination=${back}">Sign in</a>`;
  }
  const urls = screenUrls(view);
  return html`<a class="account-name" href="${urls.mySessions()}" title="Your signed-in browsers">${principal.user.displayName}</a>
    ${isAdministrator(principal) && html`<a href="${urls.adminUsers()}">Administration</a>`}
    <form method="post" action="${view.contextPath}/logout.action" class="inline">
      ${csrfField(view)}<button type="submit" class="link">Sign out</button>
    </form>`;
}

/** The frame of every screen: header with search and account, breadcrumbs, main, scripts. No external requests. */
export function renderScreen(view: WebView, screen: Screen): string {
  const crumbs = screen.breadcrumbs ?? [];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${screen.title} - Tributary</title>
<link rel="stylesheet" href="${assetPath(view, 'app.css')}">
${(screen.styles ?? []).map((style) => html`<link rel="stylesheet" href="${assetPath(view, style)}">`)}
<link rel="icon" href="${assetPath(view, 'favicon.svg')}" type="image/svg+xml">
${view.csrfToken !== null && html`<meta name="tributary-csrf" content="${view.csrfToken}">`}
<meta name="tributary-root" content="${view.root}">
<meta name="tributary-context" content="${view.contextPath}">
</head>
<body class="${screen.kind ?? ''}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <a class="brand" href="${view.root}/">Tributary</a>
  <form class="search" role="search" method="get" action="${view.root}/dosearchsite.action">
    <label class="visually-hidden" for="site-search">Search</label>
    <input id="site-search" type="search" name="queryString" placeholder="Search" autocomplete="off">
  </form>
  <nav class="account" aria-label="Account">${accountMenu(view)}</nav>
</header>
${
  crumbs.length > 0 &&
  html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>${crumbs.map(
    (crumb) => html`<li><a href="${crumb.href}">${crumb.label}</a></li>`,
  )}</ol></nav>`
}
<main id="main" tabindex="-1">
${screen.main}
</main>
${(screen.scripts ?? []).map((script) => html`<script type="module" src="${assetPath(view, `scripts/${script}`)}"></script>`)}
</body>
</html>
`.markup;
}

/** Answers with a screen: the one way routes send HTML. */
export function sendScreen(reply: FastifyReply, view: WebView, screen: Screen, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderScreen(view, screen));
}
