import type { ContentBody } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';
import { type MarkupToken, markupTokens } from '../../domain/markup-tokens.ts';

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
  | { kind: 'code'; depth: number; inBody: boolean; html: string[] }
  | { kind: 'image'; from: number; filename: string | undefined }
  | { kind: 'link'; from: number; title: string | undefined; text: string[] };

const isMacroTag = (tag: string) => /^<\/?(?:ac|ri):/.test(tag);

/**
 * Storage format is XHTML with `ac:`/`ri:` elements. The view renders the common ones (code, images and
 * links to attachments and pages) and unwraps the rest, keeping their text; enough for clients that read
 * `body.view` to show or index content, not a full macro engine. It walks the markup's tokens once; an
 * image or link never closed is read again as plain markup, and no later one of its kind is opened (none
 * can close), so crafted bodies cost no more than long ones.
 */
function storageToView(storage: string, context: RenderContext): string {
  const tokens = [...markupTokens(storage)];
  const html: string[] = [];
  const unclosed = new Set<'image' | 'link'>();
  let open: Open | undefined;
  const finish = (macro: Open) => {
    if (macro.kind === 'code') html.push(`<pre class="code">${macro.html.join('')}</pre>`);
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
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as MarkupToken;
    if (open?.kind === 'code') {
      if (token.kind === 'cdata' && open.inBody) open.html.push(escapeHtml(token.text));
      // Text in the body is escaped XML already, which is escaped HTML too.
      else if (token.kind === 'text' && open.inBody) open.html.push(token.text);
      else if (token.kind !== 'tag') continue;
      else if (opens(token.tag, 'ac:plain-text-body')) open.inBody = !selfClosing(token.tag);
      else if (closes(token.tag, 'ac:plain-text-body')) open.inBody = false;
      else if (opens(token.tag, 'ac:structured-macro') && !selfClosing(token.tag)) open.depth += 1;
      else if (closes(token.tag, 'ac:structured-macro') && --open.depth === 0) {
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
        // The first reference is the file; one nested in it (`ri:page`) only says where it lives.
        open.filename ??= attribute(token.tag, 'ri:filename') ?? '';
      } else if (open.kind === 'link' && (opens(token.tag, 'ri:page') || opens(token.tag, 'ri:attachment'))) {
        open.title ??= attribute(token.tag, 'ri:content-title') ?? attribute(token.tag, 'ri:filename') ?? '';
      }
      if (open && index === tokens.length - 1) {
        unclosed.add(open.kind);
        index = open.from;
        open = undefined;
      }
      continue;
    }
    if (token.kind === 'text') html.push(token.text);
    else if (token.kind === 'cdata') html.push(escapeHtml(token.text));
    else if (selfClosing(token.tag) || closes(token.tag, 'ac:') || closes(token.tag, 'ri:')) {
      if (!isMacroTag(token.tag)) html.push(token.tag);
    } else if (opens(token.tag, 'ac:structured-macro') && attribute(token.tag, 'ac:name') === 'code') {
      open = { kind: 'code', depth: 1, inBody: false, html: [] };
    } else if (opens(token.tag, 'ac:image') && !unclosed.has('image')) {
      open = { kind: 'image', from: index, filename: undefined };
    } else if (opens(token.tag, 'ac:link') && !unclosed.has('link')) {
      open = { kind: 'link', from: index, title: undefined, text: [] };
    } else if (!isMacroTag(token.tag)) html.push(token.tag);
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
