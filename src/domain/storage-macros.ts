import { createHash } from 'node:crypto';
import { decodeEntities } from './body-text.ts';
import { markupTokens } from './markup-tokens.ts';

/** A macro of a storage body, as DC and Cloud answer `…/macro/id/{macroId}` (`MacroInstance`). */
export interface MacroInstance {
  name: string;
  /** The rich-text body's storage markup, or the plain-text body's text; empty without a body. */
  body: string;
  parameters: Record<string, string>;
  /** `ac:macro-id`, when the macro has one. */
  macroId: string | undefined;
  /** The macro's whole markup as stored, from `<ac:structured-macro` to its closing tag. */
  markup: string;
  /** SHA-256 (hex) of `markup`: see macroHash. */
  hash: string;
}

/**
 * Tributary's macro hash: the SHA-256, in lower-case hex, of the macro's markup exactly as stored, from
 * `<ac:structured-macro` to its closing tag. Confluence generated its hash during a render and documents
 * no formula (the DC spec calls it deprecated and "usually only relevant during the scope of one
 * request"), so a client gets the hash from us the way it got it from Confluence: from the macro it saw.
 */
export const macroHash = (markup: string) => createHash('sha256').update(markup, 'utf8').digest('hex');

const attributeOf = (tag: string, name: string) => {
  const at = tag.indexOf(` ${name}="`);
  if (at === -1) return undefined;
  const from = at + name.length + 3;
  const to = tag.indexOf('"', from);
  return to === -1 ? undefined : decodeEntities(tag.slice(from, to));
};

const isOpen = (tag: string, name: string) =>
  tag.startsWith(`<${name}`) && /[\s/>]/.test(tag.charAt(name.length + 1)) && !tag.endsWith('/>');
const isEmpty = (tag: string, name: string) => tag.startsWith(`<${name}`) && tag.endsWith('/>');
const isClose = (tag: string, name: string) => tag.startsWith(`</${name}`);

interface Frame {
  start: number;
  name: string;
  macroId: string | undefined;
  parameters: Record<string, string>;
  parameter: { name: string; from: number } | undefined;
  body: { plain: boolean; from: number; text: string[] } | undefined;
  bodyValue: string;
  /** Inside the body: nested macros' parameters are theirs. */
  inBody: boolean;
}

const macroTag = 'ac:structured-macro';

/**
 * Every structured macro of a storage body, nested ones too, in the order they close. One pass over the
 * markup's tokens (markup-tokens.ts), so a crafted body costs no more than a long one; a macro never closed
 * is not a macro.
 */
export function* storageMacros(storage: string): Generator<MacroInstance> {
  const frames: Frame[] = [];
  let at = 0;
  for (const token of markupTokens(storage)) {
    const start = at;
    const length =
      token.kind === 'tag'
        ? token.tag.length
        : token.kind === 'text'
          ? token.text.length
          : token.text.length + '<![CDATA['.length + ']]>'.length;
    at += length;
    const top = frames.at(-1);
    if (token.kind !== 'tag') {
      if (top?.body?.plain) top.body.text.push(token.text);
      continue;
    }
    const { tag } = token;
    if (isOpen(tag, macroTag) || isEmpty(tag, macroTag)) {
      const frame: Frame = {
        start,
        name: attributeOf(tag, 'ac:name') ?? '',
        macroId: attributeOf(tag, 'ac:macro-id'),
        parameters: {},
        parameter: undefined,
        body: undefined,
        bodyValue: '',
        inBody: false,
      };
      if (isEmpty(tag, macroTag)) yield finished(frame, storage.slice(start, at));
      else frames.push(frame);
      continue;
    }
    if (!top) continue;
    if (isClose(tag, macroTag)) {
      frames.pop();
      yield finished(top, storage.slice(top.start, at));
      continue;
    }
    if (top.inBody) {
      if (top.body && (isClose(tag, 'ac:rich-text-body') || isClose(tag, 'ac:plain-text-body'))) {
        top.bodyValue = top.body.plain ? top.body.text.join('') : storage.slice(top.body.from, start);
        top.inBody = false;
      }
      continue;
    }
    if (isOpen(tag, 'ac:parameter')) {
      top.parameter = { name: attributeOf(tag, 'ac:name') ?? '', from: at };
    } else if (isClose(tag, 'ac:parameter') && top.parameter) {
      top.parameters[top.parameter.name] = decodeEntities(storage.slice(top.parameter.from, start));
      top.parameter = undefined;
    } else if (isOpen(tag, 'ac:rich-text-body') || isOpen(tag, 'ac:plain-text-body')) {
      top.body = { plain: tag.startsWith('<ac:plain'), from: at, text: [] };
      top.inBody = true;
    }
  }
}

function finished(frame: Frame, markup: string): MacroInstance {
  return {
    name: frame.name,
    body: frame.bodyValue,
    parameters: frame.parameters,
    macroId: frame.macroId,
    markup,
    hash: macroHash(markup),
  };
}

/**
 * The macro with this id, as both DC lookups match: by `ac:macro-id`, or else by hash (the spec has each
 * path accept the other during Confluence's move from hashes to ids).
 */
export function findStorageMacro(storage: string, idOrHash: string): MacroInstance | undefined {
  let byHash: MacroInstance | undefined;
  for (const macro of storageMacros(storage)) {
    if (macro.macroId === idOrHash) return macro;
    if (byHash === undefined && macro.hash === idOrHash.toLowerCase()) byHash = macro;
  }
  return byHash;
}
