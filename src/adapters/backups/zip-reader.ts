import { type FileHandle, open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const endOfDirectorySignature = 0x06054b50;
const directorySignature = 0x02014b50;
const localHeaderSignature = 0x04034b50;
// The end record is 22 bytes plus a comment of at most 65535.
const longestTail = 22 + 0xffff;

/**
 * Reads the zips this server writes (yazl: stored or deflated entries, no zip64 below 4 GiB) and any
 * others of that kind: the central directory names every entry, each read as a stream from its offset.
 * Anything else is refused with an Error, which the caller reports as an unreadable file.
 */
export async function openZip(filePath: string) {
  const handle = await open(filePath, 'r');
  try {
    const entries = await centralDirectory(handle);
    return {
      has: (name: string) => entries.has(name),
      async read(name: string): Promise<Readable> {
        const entry = entries.get(name);
        if (!entry) throw new Error(`The archive has no ${name}`);
        const header = Buffer.alloc(30);
        await handle.read(header, 0, 30, entry.localHeaderOffset);
        if (header.readUInt32LE(0) !== localHeaderSignature) throw new Error(`Damaged entry ${name}`);
        const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
        const raw = handle.createReadStream({
          start,
          end: start + entry.compressedSize - 1,
          autoClose: false,
        });
        if (entry.method === 0) return raw;
        if (entry.method !== 8) throw new Error(`Entry ${name} uses an unsupported compression`);
        return raw.pipe(createInflateRaw());
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function centralDirectory(handle: FileHandle): Promise<Map<string, ZipEntry>> {
  const { size } = await handle.stat();
  const tailLength = Math.min(size, longestTail);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  let end = -1;
  for (let at = tailLength - 22; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) === endOfDirectorySignature) {
      end = at;
      break;
    }
  }
  if (end === -1) throw new Error('Not a zip archive');
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (directoryOffset + directorySize > size) throw new Error('Damaged zip archive');
  const directory = Buffer.alloc(directorySize);
  await handle.read(directory, 0, directorySize, directoryOffset);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== directorySignature) {
      throw new Error('Damaged zip directory');
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, {
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
