import type { ContentBody } from '../../domain/content.ts';
import { type RenderContext, renderBody } from './render-body.ts';

const decodeEntities = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');

/**
 * The view's text as an Atlassian Document Format doc, one paragraph per block. Lossy (marks, tables and
 * macros become plain text), but a v2 client asking a storage page for `atlas_doc_format` gets valid ADF.
 */
function adfOfView(html: string): string {
  const blocks = html
    .split(/<\/(?:p|h[1-6]|li|pre|blockquote|div|tr)>|<br\s*\/?>/i)
    .map((block) => decodeEntities(block.replace(/<[^>]*>/g, '')).trim())
    .filter((text) => text !== '');
  const content = blocks.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
  return JSON.stringify({ type: 'doc', version: 1, content });
}

/**
 * v2 asks for `storage`, `atlas_doc_format` or a rendering whatever the page was written in. Beyond
 * `renderBody`, this turns storage into ADF and ADF into storage (its view is valid storage XHTML).
 */
export function convertBody(body: ContentBody, to: string, context: RenderContext): ContentBody {
  if (to === body.representation) return body;
  if (to === 'atlas_doc_format') {
    return { representation: to, value: adfOfView(renderBody(body, 'view', context).value) };
  }
  if (body.representation === 'atlas_doc_format' && (to === 'storage' || to === 'editor')) {
    return { representation: to, value: renderBody(body, 'view', context).value };
  }
  return renderBody(body, to, context);
}
