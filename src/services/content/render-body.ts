import type { ContentBody } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import { markupTokens } from '../../domain/markup-tokens.ts';

/** The representations Confluence renders from storage, and `storage` itself. */
export const renderedRepresentations = [
  'storage',
  'view',
  'export_view',
  'styled_view',
  'editor',
  'anonymous_export_view',
] as const;
export type Representation = (typeof renderedRepresentations)[number] | 'atlas_doc_format';

export interface RenderContext {
  /** Context-relative base for servlet links, e.g. `/wiki` on Cloud paths. */
  context: string;
  /** The page whose attachments `<ri:attachment>` refers to. */
  contentId: number | null;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const attribute = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];

const opens = (tag: string, name: string) =>
  tag.startsWith(`<${name}`) && /[\s/>]/.test(tag[name.length + 1] ?? '');
const closes = (tag: string, name: string) => tag.startsWith(`</${name}`);
const selfClosing = (tag: string) => tag.endsWith('/>');

/** What a macro being read has gathered so far: a code block's text, an image's file, a link's target. */
type Open =
  | { kind: 'code'; depth: number; code: string[] }
  | { kind: 'image'; filename: string | undefined }
  | { kind: 'link'; title: string | undefined; text: string[] };

/**
 * Storage format is XHTML with `ac:`/`ri:` elements. The view renders the common ones (code, images and
 * links to attachments and pages) and unwraps the rest, keeping their text; enough for clients that read
 * `body.view` to show or index content, not a full macro engine. One pass over the markup's tokens, so
 * crafted bodies cost no more than long ones.
 */
function storageToView(storage: string, context: RenderContext): string {
  const html: string[] = [];
  let open: Open | undefined;
  const finish = (macro: Open) => {
    if (macro.kind === 'code') html.push(`<pre class="code">${escapeHtml(macro.code.join(''))}</pre>`);
    else if (macro.kind === 'image' && macro.filename !== undefined) {
      const src = `${context.context}/download/attachments/${context.contentId ?? ''}/${encodeURIComponent(macro.filename)}`;
      html.push(
        `<img class="confluence-embedded-image" src="${escapeHtml(src)}" alt="${escapeHtml(macro.filename)}" />`,
      );
    } else if (macro.kind === 'link') {
      const text = macro.text.join('').trim();
      if (macro.title === undefined) html.push(escapeHtml(text));
      else
        html.push(
          `<a href="#${escapeHtml(encodeURIComponent(macro.title))}">${escapeHtml(text || macro.title)}</a>`,
        );
    }
  };
  for (const token of markupTokens(storage)) {
    if (open?.kind === 'code') {
      if (token.kind === 'cdata') open.code.push(token.text);
      else if (token.kind === 'tag' && opens(token.tag, 'ac:structured-macro') && !selfClosing(token.tag))
        open.depth += 1;
      else if (token.kind === 'tag' && closes(token.tag, 'ac:structured-macro') && --open.depth === 0) {
        finish(open);
        open = undefined;
      }
      continue;
    }
    if (open?.kind === 'image' || open?.kind === 'link') {
      if (token.kind !== 'tag') {
        if (open.kind === 'link') open.text.push(token.text);
      } else if (closes(token.tag, open.kind === 'image' ? 'ac:image' : 'ac:link')) {
        finish(open);
        open = undefined;
      } else if (open.kind === 'image' && opens(token.tag, 'ri:attachment')) {
        open.filename = attribute(token.tag, 'ri:filename') ?? '';
      } else if (open.kind === 'link' && (opens(token.tag, 'ri:page') || opens(token.tag, 'ri:attachment'))) {
        open.title = attribute(token.tag, 'ri:content-title') ?? attribute(token.tag, 'ri:filename') ?? '';
      }
      continue;
    }
    if (token.kind === 'text') html.push(token.text);
    else if (token.kind === 'cdata') html.push(escapeHtml(token.text));
    else if (selfClosing(token.tag) || closes(token.tag, 'ac:') || closes(token.tag, 'ri:')) {
      if (!/^<\/?(?:ac|ri):/.test(token.tag)) html.push(token.tag);
    } else if (opens(token.tag, 'ac:structured-macro') && attribute(token.tag, 'ac:name') === 'code') {
      open = { kind: 'code', depth: 1, code: [] };
    } else if (opens(token.tag, 'ac:image')) open = { kind: 'image', filename: undefined };
    else if (opens(token.tag, 'ac:link')) open = { kind: 'link', title: undefined, text: [] };
    else if (!/^<\/?(?:ac|ri):/.test(token.tag)) html.push(token.tag);
  }
  if (open) finish(open);
  return html.join('');
}

/** Atlassian Document Format to view: the text of its nodes in paragraphs. */
function adfToView(adf: string): string {
  try {
    const paragraphs: string[] = [];
    const walk = (node: unknown, into: string[]): void => {
      if (!node || typeof node !== 'object') return;
      const record = node as { type?: string; text?: string; content?: unknown[] };
      if (typeof record.text === 'string') into.push(escapeHtml(record.text));
      if (record.type === 'paragraph' || record.type === 'heading') {
        const parts: string[] = [];
        for (const child of record.content ?? []) walk(child, parts);
        paragraphs.push(`<p>${parts.join('')}</p>`);
        return;
      }
      for (const child of record.content ?? []) walk(child, into);
    };
    walk(JSON.parse(adf), paragraphs);
    return paragraphs.join('');
  } catch {
    return `<p>${escapeHtml(adf)}</p>`;
  }
}

export function renderBody(body: ContentBody, to: string, context: RenderContext): ContentBody {
  if (to === body.representation) return body;
  if (to === 'storage' || to === 'editor') {
    // ADF has no exact storage form here: its text in paragraphs serves a reader that asks for storage.
    const value = body.representation === 'atlas_doc_format' ? adfToView(body.value) : body.value;
    return { representation: to, value };
  }
  if (!(renderedRepresentations as readonly string[]).includes(to)) {
    throw badRequest(`Unsupported representation: ${to}`);
  }
  const view =
    body.representation === 'atlas_doc_format' ? adfToView(body.value) : storageToView(body.value, context);
  if (to === 'styled_view') {
    return { representation: to, value: `<html><head><title></title></head><body>${view}</body></html>` };
  }
  return { representation: to, value: view };
}
