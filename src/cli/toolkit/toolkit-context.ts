/** Where every command writes: standard output and standard error, or a test's buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/**
 * What the attachment commands get from the program entry (src/cli/program.ts), which alone reads the
 * process: its environment, the stream progress bars draw on, the home directory for the profile file.
 */
export interface ToolkitContext {
  io: CliIo;
  env: Readonly<Record<string, string | undefined>>;
  /** Progress bars draw here, and only when it is a terminal. */
  progressStream: NodeJS.WriteStream | undefined;
  homeDir: string;
  /** Where confirmations are read; a prompt is shown only when it is a terminal. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  nowMs(): number;
}
