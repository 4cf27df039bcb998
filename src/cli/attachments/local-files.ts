/**
 * The files an upload names: files as given, folders walked recursively (hidden entries skipped, as a
 * `.DS_Store` is never meant). Each becomes an attachment named after the file, so two files with the
 * same name are refused before anything is sent.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../toolkit/exit.ts';

export interface LocalFile {
  path: string;
  /** The attachment name: the file's name, NFC as Confluence keeps it. */
  name: string;
  sizeBytes: number;
}

async function statOrFail(file: string) {
  try {
    return await stat(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

async function* walk(folder: string): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`Cannot read the folder ${folder}: ${(error as Error).message}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    const kind = entry.isSymbolicLink() ? await statOrFail(full) : entry;
    if (kind.isDirectory()) yield* walk(full);
    else if (kind.isFile()) yield full;
  }
}

export async function collectLocalFiles(inputs: readonly string[]): Promise<LocalFile[]> {
  const files: LocalFile[] = [];
  for (const input of inputs) {
    const found = await statOrFail(input);
    const paths: string[] = [];
    if (found.isDirectory()) for await (const file of walk(input)) paths.push(file);
    else if (found.isFile()) paths.push(input);
    else throw new UsageError(`${input} is neither a file nor a folder`);
    for (const file of paths) {
      const { size } = file === input ? found : await statOrFail(file);
      files.push({ path: file, name: path.basename(file).normalize('NFC'), sizeBytes: size });
    }
  }
  const firstByName = new Map<string, string>();
  for (const file of files) {
    const earlier = firstByName.get(file.name);
    if (earlier !== undefined) {
      throw new UsageError(
        `${earlier} and ${file.path} would both be the attachment '${file.name}'; upload them to different pages`,
      );
    }
    firstByName.set(file.name, file.path);
  }
  return files;
}
