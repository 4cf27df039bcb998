import sanitizeHtml from 'sanitize-html';
import type { Content } from '../../domain/content.ts';
import { emptyStorageBody } from '../../domain/content-rules.ts';
import { renderBody } from '../../services/content/render-body.ts';
import { type SafeHtml, trustedHtml } from './html.ts';
import type { WebView } from './web-view.ts';

/**
 * What a stored body may show inside our pages. `body.view` keeps the stored markup as Confluence's API
 * does, which may hold anything a client wrote (`<script>`, `<meta http-equiv=refresh>`, `<form>`,
 * `<base>`, event handlers); the screens keep only content markup, so a page body cannot act as our
 * origin, send its visitor elsewhere or dress up as one of our forms. The CSP stays as a second wall.
 */
const bodyRules: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'del',
    'ins',
    's',
    'u',
    'time',
    'colgroup',
    'col',
    'details',
    'summary',
  ],
  allowedAttributes: {
    '*': ['class', 'id', 'title', 'lang', 'dir', 'data-*', 'colspan', 'rowspan', 'align'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'loading'],
    time: ['datetime'],
    ol: ['start', 'type'],
    input: ['type', 'checked', 'disabled'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  transformTags: {
    // A link out of the site opens without handing it our page (window.opener) or the referrer.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
  },
};

/**
 * An item's `body.view`, as the API renders it, with servlet links (images, files) under the root the
 * visitor came by (`/download/…` answers under the context path and under `/wiki` alike), kept to
 * content markup.
 */
export function renderedBodyOf(view: Pick<WebView, 'root'>, content: Content): SafeHtml {
  const body = content.version.body ?? emptyStorageBody;
  const rendered = renderBody(body, 'view', {
    context: view.root,
    contentId: content.containerId ?? content.id,
  });
  return trustedHtml(sanitizeHtml(rendered.value, bodyRules));
}
