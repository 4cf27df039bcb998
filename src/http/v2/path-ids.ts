import { booleanFromText } from '../../domain/boolean-text.ts';
import { badRequest } from '../../domain/errors.ts';

/** v2 ids are int64 in the spec; anything but digits is a 400 naming the parameter. */
export function v2IdOf(text: string | undefined, name = 'id'): number {
  if (text === undefined || !/^\d{1,15}$/.test(text)) {
    throw badRequest(`${name} must be a numeric id, not '${text ?? ''}'`, { field: name });
  }
  return Number(text);
}

/** An id parameter that may be left out: absent or empty is none, anything else must be an id. */
export const v2OptionalIdOf = (text: string | undefined, name: string): number | undefined =>
  text === undefined || text === '' ? undefined : v2IdOf(text, name);

/** `status=current&status=trashed` and `status=current,trashed` alike. */
export function v2ListOf(raw: string | string[] | undefined): string[] {
  return [raw ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** `true`/`false` flags such as `include-version`; absent gives the default. */
export function v2FlagOf(raw: string | undefined, name: string, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  const flag = booleanFromText(raw);
  if (flag !== undefined) return flag;
  throw badRequest(`${name} must be true or false, not '${raw}'`, { field: name });
}
