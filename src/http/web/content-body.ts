import type { Content } from '../../domain/content.ts';
import { emptyStorageBody } from '../../domain/content-rules.ts';
import { renderBody } from '../../services/content/render-body.ts';
import { type SafeHtml, trustedHtml } from './html.ts';
import type { WebView } from './web-view.ts';

/**
 * An item's `body.view`, as the API renders it, with servlet links (images, files) under the root the
 * visitor came by: `/download/…` answers under the context path and under `/wiki` alike.
 */
export function renderedBodyOf(view: Pick<WebView, 'root'>, content: Content): SafeHtml {
  const body = content.version.body ?? emptyStorageBody;
  const rendered = renderBody(body, 'view', {
    context: view.root,
    contentId: content.containerId ?? content.id,
  });
  // Our renderer escapes what it takes from the stored body; scripts could not run anyway (CSP).
  return trustedHtml(rendered.value);
}
