import type { Content } from '../../domain/content.ts';
import { screenUrls } from './urls.ts';
import type { WebView } from './web-view.ts';

/**
 * The screen that shows an item: a page, blog post, folder… its own; a comment its page, scrolled to it
 * (as the API's comment `webui` points); an attachment its page's attachments.
 */
export function contentHref(view: Pick<WebView, 'root'>, content: Content): string {
  const urls = screenUrls(view);
  if (content.containerId !== null && content.type === 'comment') {
    return `${urls.page(content.containerId)}&focusedCommentId=${content.id}#comment-${content.id}`;
  }
  if (content.containerId !== null && content.type === 'attachment')
    return urls.attachments(content.containerId);
  return urls.page(content.id);
}
