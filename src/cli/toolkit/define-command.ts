/**
 * How a toolkit command is declared: its name, arguments and own options in the order its help lists
 * them, then the connection options every command shares, its examples, and what it does. The command
 * answers an exit code; `runToolkitAction` turns usage and operational errors into one line and a code.
 */
import type { Command } from 'commander';
import { addConnectionOptions } from './connection-options.ts';
import { runToolkitAction } from './exit.ts';
import type { ToolkitContext } from './toolkit-context.ts';

/** One option as commander takes it: its flags, what it does and, for a few, a default. */
export type OptionSpec = readonly [flags: string, description: string, defaultValue?: string];

/** A set of options several commands share (the selector, the filters), added where it stands in the list. */
export type OptionGroup = (command: Command) => Command;

export const yesOption: OptionSpec = ['--yes', 'do not ask (required when stdin is not a terminal)'];

export interface ToolkitCommand<Flags, Args extends unknown[]> {
  name: string;
  description: string;
  /** Positional arguments as `['<dir>', 'what it is']`, one for each of `run`'s parameters after the flags. */
  arguments?: { [K in keyof Args]: readonly [name: string, description: string] };
  options: ReadonlyArray<OptionSpec | OptionGroup>;
  /** False for a command that names its servers its own way (migrate's --from-… and --to-…). */
  connection?: boolean;
  /** Shown after the options in the command's help. */
  examples: string;
  run(flags: Flags, ...args: Args): Promise<number>;
}

export function defineToolkitCommand<Flags, Args extends unknown[] = []>(
  parent: Command,
  toolkit: Pick<ToolkitContext, 'io'>,
  spec: ToolkitCommand<Flags, Args>,
): Command {
  const command = parent.command(spec.name).description(spec.description);
  const positional: ReadonlyArray<readonly [string, string]> = spec.arguments ?? [];
  for (const [name, description] of positional) command.argument(name, description);
  for (const option of spec.options) {
    if (typeof option === 'function') option(command);
    else command.option(option[0], option[1], option[2]);
  }
  if (spec.connection !== false) addConnectionOptions(command);
  command.addHelpText('after', spec.examples);
  // Commander calls the action with the positional arguments, then the parsed options, then the command.
  command.action((...received: unknown[]) => {
    const args = received.slice(0, positional.length) as Args;
    const flags = received[positional.length] as Flags;
    return runToolkitAction(toolkit.io, () => spec.run(flags, ...args));
  });
  return command;
}
