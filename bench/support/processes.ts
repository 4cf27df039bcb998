import { readFile } from 'node:fs/promises';

/** The fields of a /proc `stat` line after the command name, which may hold spaces. */
async function statFields(file: string): Promise<string[]> {
  const stat = await readFile(file, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime (fields 14 and 15 of proc(5)), in clock ticks of 10 ms on Linux. */
const cpuSecondsIn = (fields: readonly string[]) => (Number(fields[11]) + Number(fields[12])) / 100;

/** CPU seconds a process has used so far, all its threads (the thread pool's too). */
export async function processCpuSeconds(pid: number): Promise<number> {
  return cpuSecondsIn(await statFields(`/proc/${pid}/stat`));
}

/**
 * CPU seconds the process's main thread has used: a figure the neighbours on a shared machine move far less
 * than wall-clock time.
 */
export async function mainThreadCpuSeconds(pid: number): Promise<number> {
  return cpuSecondsIn(await statFields(`/proc/${pid}/task/${pid}/stat`));
}

/** `VmRSS` of a process, in bytes. */
export async function residentRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}
