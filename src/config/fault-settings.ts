import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDomainError } from '../domain/errors.ts';
import { type FaultRule, parseFaultRule } from '../domain/fault-rule.ts';
import type { SettingKey } from './settings.ts';

/**
 * TRIBUTARY_FAULTS: a JSON file holding an array of fault rules (docs/testing.md, "Faults"), read and
 * checked at start so that a bad rule stops the server with the setting's error rather than later.
 */
export function loadFaultRules(
  file: string | undefined,
  cwd: string,
  fail: (key: SettingKey, problem: string) => never,
): readonly FaultRule[] {
  if (file === undefined) return [];
  const location = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(location, 'utf8');
  } catch (error) {
    return fail('faults', `cannot read ${location}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let rules: unknown;
  try {
    rules = JSON.parse(text);
  } catch (error) {
    return fail('faults', `${location} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(rules)) return fail('faults', `${location} must hold a JSON array of fault rules`);
  return rules.map((rule, index) => {
    try {
      return parseFaultRule(rule);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return fail('faults', `rule ${index + 1} of ${location}: ${error.message}`);
    }
  });
}
