/**
 * The profile file: named connections, so URLs and secrets need not be typed or kept in the shell
 * history. JSON, one object per profile:
 *
 *   { "default": { "url": "http://127.0.0.1:8090", "user": "admin", "token": "…" },
 *     "cloud":   { "url": "https://example.atlassian.net", "user": "me@example.com", "token": "…" },
 *     "dc":      { "url": "https://confluence.example.com", "bearer": "…", "flavour": "datacenter" } }
 *
 * It lives at `$XDG_CONFIG_HOME/tributary/profiles.json` (`~/.config/…` by default), or wherever
 * `--profile-file` / `TRIBUTARY_PROFILE_FILE` say.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './exit.ts';
import { fromEnvironment } from './settings.ts';
import type { ToolkitContext } from './toolkit-context.ts';

export interface Profile {
  url?: string;
  user?: string;
  token?: string;
  bearer?: string;
  flavour?: string;
  extender?: boolean;
}

const profileKeys = new Set(['url', 'user', 'token', 'bearer', 'flavour', 'extender']);

export function defaultProfileFile(toolkit: ToolkitContext): string {
  const configHome = fromEnvironment(toolkit.env, 'configHome') ?? path.join(toolkit.homeDir, '.config');
  return path.join(configHome, 'tributary', 'profiles.json');
}

/**
 * The named profile; without a name, the one called `default` if the file has it. A name that is not in
 * the file (or a missing file when a name was given) is a usage error.
 */
export async function readProfile(
  toolkit: ToolkitContext,
  file: string,
  name: string | undefined,
): Promise<Profile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (name === undefined && (error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new UsageError(`Cannot read the profile file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The profile file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`The profile file ${file} must hold one JSON object of named profiles`);
  }
  const profiles = parsed as Record<string, unknown>;
  const chosen = name ?? 'default';
  const profile = profiles[chosen];
  if (profile === undefined) {
    if (name === undefined) return undefined;
    throw new UsageError(
      `No profile '${name}' in ${file}; it has ${Object.keys(profiles).join(', ') || 'none'}`,
    );
  }
  await warnIfShared(toolkit, file);
  return checkProfile(profile, chosen, file);
}

function checkProfile(raw: unknown, name: string, file: string): Profile {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(`Profile '${name}' in ${file} must be an object`);
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  for (const [key, value] of entries) {
    if (!profileKeys.has(key)) {
      throw new UsageError(
        `Profile '${name}' in ${file} has an unknown key '${key}' (known: ${[...profileKeys].join(', ')})`,
      );
    }
    const expected = key === 'extender' ? 'boolean' : 'string';
    if (typeof value !== expected)
      throw new UsageError(`Profile '${name}' in ${file}: ${key} must be a ${expected}`);
  }
  return raw as Profile;
}

/** A file of secrets readable by others deserves a word (POSIX permissions only). */
async function warnIfShared(toolkit: ToolkitContext, file: string): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    toolkit.io.err(`tributary: warning: ${file} can be read by other users; chmod 600 it\n`);
  }
}
