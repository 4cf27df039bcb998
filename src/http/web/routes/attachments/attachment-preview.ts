import type { Content } from '../../../../domain/content.ts';
import type { Principal } from '../../../../domain/principal.ts';
import { requireAttachmentOn } from '../../../../services/attachments/require-attachment.ts';
import type { ServiceDeps } from '../../../../services/deps.ts';
import { isPreviewable } from '../../../common/send-attachment.ts';
import { html, type SafeHtml } from '../../html.ts';
import { downloadUrlOf, inlineUrlOf } from './attachment-urls.ts';

/** The attachment a `preview` parameter names (`/containerId/attachmentId/filename`), if it is on the page. */
export async function previewedAttachment(
  deps: ServiceDeps,
  principal: Principal,
  pageId: number,
  preview: string | undefined,
): Promise<Content | undefined> {
  const match = /^\/(\d+)\/(\d+)(\/|$)/.exec(preview ?? '');
  if (!match || Number(match[1]) !== pageId) return undefined;
  try {
    return (await requireAttachmentOn(deps, principal, pageId, Number(match[2]), ['current'])).attachment;
  } catch {
    // A stale preview link shows the list without a preview rather than no screen at all.
    return undefined;
  }
}

/**
 * The file shown in the screen: images and PDFs from the servlet's preview mode (which serves nothing
 * that can run script), text fetched by the script into a <pre>, anything else only as a download.
 */
export function previewPanel(contextPath: string, closeHref: string, attachment: Content): SafeHtml {
  const mediaType = attachment.version.file?.mediaType ?? '';
  const inline = inlineUrlOf(contextPath, attachment);
  const shown = !isPreviewable(mediaType)
    ? html`<p class="notice">This kind of file (${mediaType}) cannot be shown here; download it instead.</p>`
    : mediaType.startsWith('image/')
      ? html`<img class="preview-image" src="${inline}" alt="${attachment.title}">`
      : mediaType === 'application/pdf'
        ? html`<iframe class="preview-frame" src="${inline}" title="${attachment.title}"></iframe>`
        : html`<pre class="preview-text" data-src="${inline}">Loading…</pre>`;
  return html`<section class="attachment-preview" id="attachment-preview" aria-labelledby="preview-heading">
<div class="preview-header"><h2 id="preview-heading">${attachment.title}</h2>
<a class="button" href="${downloadUrlOf(contextPath, attachment)}" download>Download</a>
<a class="button" href="${closeHref}" id="close-preview">Close preview</a></div>
${shown}
</section>`;
}
