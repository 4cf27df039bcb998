/**
 * A yes or no written as text, read as Confluence's Java servers read it (Spring's boolean conversion):
 * any case, and on/off, yes/no, 1/0 alike. Python clients send `purge=True` for a real bool. Undefined for
 * anything else, so the caller can name what it expected.
 */
export function booleanFromText(text: string): boolean | undefined {
  const lowered = text.trim().toLowerCase();
  if (['true', 'on', 'yes', '1'].includes(lowered)) return true;
  if (['false', 'off', 'no', '0'].includes(lowered)) return false;
  return undefined;
}
