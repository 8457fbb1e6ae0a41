import { parseArgs } from 'node:util';

/** The command line was wrong (or asked for help); the message says how to use it. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** `--help`: the usage goes to stdout and the exit code is 0. */
    readonly help = false,
  ) {
    super(message);
  }
}

/** Prints a usage error (exit 2) or the help asked for (exit 0). */
export function explainUsage(error: UsageError): void {
  (error.help ? process.stdout : process.stderr).write(`${error.message}\n`);
  process.exitCode = error.help ? 0 : 2;
}

export interface FeedArgs {
  url: string;
  token: string;
  values: Record<string, string | undefined>;
  positionals: string[];
}

/** `--url` and `--token` (the gateway's GraphQL URL and the interface engine's session token), plus `extra` options. */
export function parseFeedArgs(args: readonly string[], extra: string[], usage: string): FeedArgs {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const name of ['url', 'token', ...extra]) options[name] = { type: 'string' };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], strict: true, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
  const values = parsed.values as Record<string, string | undefined> & { help?: boolean };
  if (values.help) throw new UsageError(usage, true);
  const { url, token } = values;
  if (!url || !token) throw new UsageError(`--url and --token are required.\n\n${usage}`);
  return { url, token, values, positionals: parsed.positionals };
}
