import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface WrkRun {
  requestsPerSecond: number;
  requests: number;
  /** Answers outside 2xx and 3xx. */
  non2xx: number;
  p99Ms: number;
  /** What wrk printed, for a failure's message. */
  output: string;
}

const unitsMs: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/**
 * Drives `url` with wrk (one thread, `connections` connections, for `seconds`) and reads its summary;
 * `--latency` gives the percentiles. wrk: `apt-get install wrk`.
 */
export async function runWrk(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<WrkRun> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency'];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}: ${value}`);
  const { stdout: output } = await promisify(execFile)('wrk', [...args, url]);
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 'NaN');
  const p99 = /\s99%\s+([\d.]+)(us|ms|s|m)\b/.exec(output);
  return {
    requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
    requests: number(/(\d+) requests in/),
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/) || 0,
    p99Ms: Number(p99?.[1]) * (unitsMs[p99?.[2] ?? ''] ?? Number.NaN),
    output,
  };
}
