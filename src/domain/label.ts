import { badRequest } from './errors.ts';

/**
 * `global` is what the UI adds, `my` a personal label, `team` a team label; v2 also shows `system`
 * labels, which only Confluence itself sets, so clients may filter on it but never write it.
 */
export const labelPrefixes = ['global', 'my', 'team'] as const;
export type LabelPrefix = (typeof labelPrefixes)[number];

export interface Label {
  id: number;
  prefix: LabelPrefix;
  name: string;
}

export const maxLabelNameLength = 255;

// The characters Confluence refuses in a label (besides whitespace); `/` is allowed, which is why the
// v1 API has `DELETE /content/{id}/label?name=` beside the path form.
const forbiddenCharacters = /[\s:;,.?&[\]()#^*@!<>]/;

export interface LabelInput {
  prefix?: unknown;
  name: unknown;
}

export function isLabelPrefix(raw: unknown): raw is LabelPrefix {
  return typeof raw === 'string' && (labelPrefixes as readonly string[]).includes(raw);
}

/** `my:name` names a personal label; a bare name is the global one, as Confluence reads it. */
export function labelOfQualifiedName(raw: string): { prefix: LabelPrefix; name: string } {
  const text = raw.trim().toLowerCase();
  const colon = text.indexOf(':');
  const prefix = colon > 0 ? text.slice(0, colon) : '';
  if (isLabelPrefix(prefix)) return { prefix, name: text.slice(colon + 1) };
  return { prefix: 'global', name: text };
}

/**
 * A label as a client wrote it (`{prefix, name}`, or `my:name` in the name), checked and lower-cased as
 * Confluence stores it; an invalid one is a 400 naming the label.
 */
export function checkLabel(input: LabelInput): { prefix: LabelPrefix; name: string } {
  if (typeof input.name !== 'string') throw badRequest('A label needs a name', { field: 'name' });
  let prefix: unknown = input.prefix ?? 'global';
  let name = input.name.trim().toLowerCase();
  const qualified = /^(global|my|team):(.*)$/.exec(name);
  if (qualified?.[1] !== undefined && qualified[2] !== undefined) {
    if (input.prefix !== undefined && input.prefix !== qualified[1]) {
      throw badRequest(
        `Label '${input.name}' names prefix ${qualified[1]} but the prefix given is ${String(input.prefix)}`,
        {
          field: 'prefix',
        },
      );
    }
    prefix = qualified[1];
    name = qualified[2];
  }
  if (!isLabelPrefix(prefix)) {
    throw badRequest(`Label prefix must be one of ${labelPrefixes.join(', ')}, not '${String(prefix)}'`, {
      field: 'prefix',
    });
  }
  if (name.length === 0) throw badRequest('A label name cannot be empty', { field: 'name' });
  if (name.length > maxLabelNameLength) {
    throw badRequest(`A label name cannot be longer than ${maxLabelNameLength} characters`, {
      field: 'name',
    });
  }
  if (forbiddenCharacters.test(name)) {
    throw badRequest(
      `Label '${input.name}' contains an invalid character: labels cannot contain spaces or any of : ; , . ? & [ ] ( ) # ^ * @ ! < >`,
      { field: 'name', label: input.name },
    );
  }
  return { prefix, name };
}
