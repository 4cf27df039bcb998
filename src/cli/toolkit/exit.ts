import {
  ConfluenceHttpError,
  ConfluenceNetworkError,
  DownloadChecksumError,
  IncompleteDownloadError,
  UnexpectedResponseError,
} from '../../client/errors.ts';
import type { CliIo } from './toolkit-context.ts';

/** Ends a toolkit command with this exit code (program.ts returns it): 1 something failed, 2 bad usage. */
export class ToolkitExit extends Error {
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ToolkitExit';
    this.exitCode = exitCode;
  }
}

/** A flag or argument that cannot work; reported in one line, exit code 2, before anything is sent. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Failures worth one line to the user rather than a stack trace: the server's, the network's, the disk's. */
export function isOperationalError(error: unknown): error is Error {
  return (
    error instanceof ConfluenceHttpError ||
    error instanceof ConfluenceNetworkError ||
    error instanceof UnexpectedResponseError ||
    error instanceof IncompleteDownloadError ||
    error instanceof DownloadChecksumError ||
    (error instanceof Error && typeof (error as { code?: unknown }).code === 'string')
  );
}

/** Runs a command: its answer is the exit code; usage and operational errors become one line and a code. */
export async function runToolkitAction(io: CliIo, work: () => Promise<number>): Promise<void> {
  let code: number;
  try {
    code = await work();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`tributary: ${error.message}\n`);
      code = 2;
    } else if (isOperationalError(error)) {
      io.err(`tributary: ${error.message}\n`);
      code = 1;
    } else {
      throw error;
    }
  }
  if (code !== 0) throw new ToolkitExit(code);
}
