/** Reads a nested field of parsed JSON (`field(body, 'version', 'number')`); undefined where the path stops. */
export const field = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], value);
