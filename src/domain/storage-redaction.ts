import { badRequest } from './errors.ts';
import { markupTokens } from './markup-tokens.ts';

/**
 * Redaction of storage-format bodies (v2 `POST /pages/{id}/redact`). The spec's pointers are JSON
 * pointers to text; a storage body is read for them as the tree ADF would give: the document is
 * `{content: [...]}`, an element is `{content: [...]}` of its child elements and text, and a text run
 * (or a CDATA section, the body of a code macro) is `{text}`. So `/content/0/content/1/text` is the
 * second child of the first element, which must be text. `from` and `to` count characters of that text
 * as read, entities decoded. Comments and processing instructions are not part of the tree.
 */
export interface RedactionRequest {
  pointer: string;
  from: number;
  /** Exclusive; the end of the text when not given. */
  to: number | undefined;
  reason: string | undefined;
}

export interface AppliedRedaction extends RedactionRequest {
  to: number;
  /** Shared by redactions merged because their ranges overlap; none inside code blocks (CDATA). */
  redactionId: string | undefined;
}

export interface RedactionResult {
  value: string;
  applied: AppliedRedaction[];
  /** The text taken out, as stored, so older versions holding it can be found. */
  removed: string[];
}

/** What stands where text was taken out; code blocks take plain characters, markup being text there. */
export const redactionMark = '[redacted]';
const codeBlockMark = '\u2588';

type TreeNode =
  | { kind: 'element'; children: TreeNode[] }
  | { kind: 'text'; cdata: boolean; start: number; end: number; raw: string };

function storageTree(value: string): TreeNode {
  const root: TreeNode = { kind: 'element', children: [] };
  const open: { name: string; node: TreeNode & { kind: 'element' } }[] = [{ name: '', node: root }];
  let at = 0;
  for (const token of markupTokens(value)) {
    const length = token.kind === 'tag' ? token.tag.length : token.kind === 'cdata' ? -1 : token.text.length;
    const start = at;
    const parent = open[open.length - 1]?.node ?? root;
    if (token.kind === 'text') {
      parent.children.push({ kind: 'text', cdata: false, start, end: start + length, raw: token.text });
      at += length;
      continue;
    }
    if (token.kind === 'cdata') {
      const textStart = start + '<![CDATA['.length;
      const closing = value.indexOf(']]>', textStart);
      const textEnd = closing === -1 ? value.length : closing;
      parent.children.push({ kind: 'text', cdata: true, start: textStart, end: textEnd, raw: token.text });
      at = closing === -1 ? value.length : closing + ']]>'.length;
      continue;
    }
    at += length;
    const { tag } = token;
    if (tag.startsWith('<!') || tag.startsWith('<?')) continue;
    const name = /^<\/?\s*([^\s/>]+)/.exec(tag)?.[1] ?? '';
    if (tag.startsWith('</')) {
      const index = open.findLastIndex((entry) => entry.name === name);
      if (index > 0) open.length = index;
      continue;
    }
    const node: TreeNode & { kind: 'element' } = { kind: 'element', children: [] };
    parent.children.push(node);
    if (!tag.endsWith('/>')) open.push({ name, node });
  }
  return root;
}

function textAt(tree: TreeNode, pointer: string): TreeNode & { kind: 'text' } {
  const invalid = () =>
    badRequest(`The pointer '${pointer}' does not point to text in the body`, { field: 'pointer' });
  const parts = pointer.split('/');
  if (parts[0] !== '' || parts.at(-1) !== 'text') throw invalid();
  let node = tree;
  for (let index = 1; index < parts.length - 1; index += 2) {
    const child = /^\d{1,9}$/.test(parts[index + 1] ?? '') ? Number(parts[index + 1]) : -1;
    if (parts[index] !== 'content' || node.kind !== 'element') throw invalid();
    const next = node.children[child];
    if (!next) throw invalid();
    node = next;
  }
  if (node.kind !== 'text' || parts.length % 2 !== 0) throw invalid();
  return node;
}

/** Each character of the decoded text with the span of stored text it was read from. */
function decodedSpans(raw: string, cdata: boolean): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const entity = /&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/iy;
  let at = 0;
  while (at < raw.length) {
    entity.lastIndex = at;
    const match = cdata ? null : entity.exec(raw);
    const end = match ? at + match[0].length : at + 1;
    const decodedLength = match ? decodedLengthOf(match[0]) : 1;
    for (let unit = 0; unit < decodedLength; unit += 1) spans.push({ start: at, end });
    at = end;
  }
  return spans;
}

function decodedLengthOf(reference: string): number {
  const name = reference.slice(1, -1);
  if (!name.startsWith('#')) return 1;
  const code =
    name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
  return code > 0xffff && code <= 0x10ffff ? 2 : 1;
}

/**
 * Takes the requested ranges out of a storage body, each replaced by a mark. Ranges of one text that
 * overlap are merged into one, sharing one id, as the spec says; the answer keeps the request's order.
 */
export function redactStorage(
  value: string,
  requests: readonly RedactionRequest[],
  newId: () => string,
): RedactionResult {
  const tree = storageTree(value);
  const targets = requests.map((request) => {
    const node = textAt(tree, request.pointer);
    const spans = decodedSpans(node.raw, node.cdata);
    const to = checkRange(request, spans.length);
    const first = spans[request.from];
    const last = spans[to - 1];
    if (!first || !last) throw badRequest('The range lies outside the text', { field: 'to' });
    return { request: { ...request, to }, node, start: node.start + first.start, end: node.start + last.end };
  });
  return applyRanges(value, targets, newId, (target) =>
    target.node.cdata ? codeBlockMark.repeat(target.end - target.start) : markOf(target.id),
  );
}

/** A title is one text: its pointer is `` (the whole document) or `/text`. */
export function redactTitle(
  title: string,
  requests: readonly RedactionRequest[],
  newId: () => string,
): RedactionResult {
  const targets = requests.map((request) => {
    if (request.pointer !== '' && request.pointer !== '/text') {
      throw badRequest(`The pointer '${request.pointer}' does not point to the title; use '/text'`, {
        field: 'pointer',
      });
    }
    const to = checkRange(request, title.length);
    return { request: { ...request, to }, node: { cdata: false }, start: request.from, end: to };
  });
  return applyRanges(title, targets, newId, () => redactionMark);
}

/** The range's end, once it is known to mark at least one character of the text. */
function checkRange(request: RedactionRequest, length: number): number {
  const to = request.to ?? length;
  if (request.from >= to || to > length) {
    throw badRequest(
      `from (${request.from}) and to (${to}) must mark at least one character of the ${length} in the text at '${request.pointer}'`,
      { field: 'to' },
    );
  }
  return to;
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const markOf = (id: string | undefined) =>
  `<span class="redacted" data-redaction-id="${escapeAttribute(id ?? '')}">${redactionMark}</span>`;

interface Target {
  request: RedactionRequest & { to: number };
  node: { cdata: boolean };
  start: number;
  end: number;
}

function applyRanges(
  value: string,
  targets: readonly Target[],
  newId: () => string,
  markFor: (merged: {
    start: number;
    end: number;
    id: string | undefined;
    node: { cdata: boolean };
  }) => string,
): RedactionResult {
  // Overlapping ranges (they can only overlap within one text) become one, in stored-text order.
  const byStart = [...targets].sort((a, b) => a.start - b.start);
  const merged: {
    start: number;
    end: number;
    id: string | undefined;
    node: { cdata: boolean };
    members: Target[];
  }[] = [];
  for (const target of byStart) {
    const last = merged.at(-1);
    if (last && target.start < last.end) {
      last.end = Math.max(last.end, target.end);
      last.members.push(target);
    } else {
      merged.push({
        start: target.start,
        end: target.end,
        id: undefined,
        node: target.node,
        members: [target],
      });
    }
  }
  const idOf = new Map<Target, string | undefined>();
  for (const range of merged) {
    range.id = range.node.cdata ? undefined : newId();
    for (const member of range.members) idOf.set(member, range.id);
  }
  let redacted = value;
  const removed: string[] = [];
  for (const range of [...merged].reverse()) {
    removed.push(value.slice(range.start, range.end));
    redacted = redacted.slice(0, range.start) + markFor(range) + redacted.slice(range.end);
  }
  return {
    value: redacted,
    applied: targets.map((target) => ({ ...target.request, redactionId: idOf.get(target) })),
    removed,
  };
}
