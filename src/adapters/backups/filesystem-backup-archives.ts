import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { JobScope } from '../../domain/backup-job.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { ArchiveFile, BackupArchives } from '../../ports/backup-store.ts';
import { openZip } from './zip-reader.ts';

/** File names only: never a path out of the folder. */
function safeName(fileName: string): string {
  if (!/^[\w][\w.\- ]{0,200}$/.test(fileName) || fileName.includes('..')) {
    throw badRequest(`'${fileName}' is not a file name this server keeps archives under`, {
      field: 'fileName',
    });
  }
  return fileName;
}

/** `<dataDir>/backups` for written backups, `<dataDir>/restore/{space,site}` for files to restore. */
export function filesystemBackupArchives(dataDir: string): BackupArchives {
  const backups = path.join(dataDir, 'backups');
  const restoreDir = (scope: JobScope) => path.join(dataDir, 'restore', scope.toLowerCase());

  return {
    async writeBackup(fileName, entries, signal) {
      await mkdir(backups, { recursive: true });
      const target = path.join(backups, safeName(fileName));
      const partial = `${target}.partial`;
      const zip = new ZipFile();
      // Stopping the copy stops the zip and the file with it, on a failed entry as on a cancel.
      const stop = new AbortController();
      const stopOnCancel = () => stop.abort(signal.reason);
      signal.addEventListener('abort', stopOnCancel, { once: true });
      const written = pipeline(zip.outputStream, createWriteStream(partial), { signal: stop.signal });
      try {
        for await (const entry of entries) {
          signal.throwIfAborted();
          const bytes = await entry.bytes();
          if (Buffer.isBuffer(bytes)) zip.addBuffer(bytes, entry.name);
          else zip.addReadStream(bytes, entry.name, { compress: false });
        }
        zip.end();
        await written;
        await rename(partial, target);
        return (await stat(target)).size;
      } catch (error) {
        stop.abort(error);
        await written.catch(() => undefined);
        await rm(partial, { force: true });
        throw error;
      } finally {
        signal.removeEventListener('abort', stopOnCancel);
      }
    },
    async backupExists(fileName) {
      return stat(path.join(backups, safeName(fileName))).then(
        (found) => found.isFile(),
        () => false,
      );
    },
    async readBackupBytes(fileName) {
      const file = path.join(backups, safeName(fileName));
      if (!(await stat(file).catch(() => undefined))) throw notFound(`No backup file ${fileName}`);
      return createReadStream(file);
    },
    async saveRestoreFile(scope, fileName, bytes) {
      const dir = restoreDir(scope);
      await mkdir(dir, { recursive: true });
      const target = path.join(dir, safeName(fileName));
      const partial = `${target}.partial`;
      try {
        await pipeline(bytes, createWriteStream(partial));
        await rename(partial, target);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async listRestoreFiles(scope) {
      const dir = restoreDir(scope);
      const names = await readdir(dir).catch(() => [] as string[]);
      const files: ArchiveFile[] = [];
      for (const name of names.sort()) {
        if (name.endsWith('.partial')) continue;
        const found = await stat(path.join(dir, name)).catch(() => undefined);
        if (found?.isFile()) files.push({ name, sizeBytes: found.size, createdAtMs: found.mtimeMs, scope });
      }
      return files;
    },
    async openRestoreFile(scope, fileName) {
      const file = path.join(restoreDir(scope), safeName(fileName));
      if (!(await stat(file).catch(() => undefined))) {
        throw notFound(`No file ${fileName} waiting to be restored (${scope.toLowerCase()})`, { fileName });
      }
      try {
        return await openZip(file);
      } catch (error) {
        throw badRequest(`${fileName} is not a readable zip: ${(error as Error).message}`, { fileName });
      }
    },
  };
}
