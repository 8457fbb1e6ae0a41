import { parseArgs } from 'node:util';

/** The command line was wrong; the message says how. */
export class UsageError extends Error {}

export interface FeedArgs {
  url: string;
  token: string;
  values: Record<string, string | undefined>;
  positionals: string[];
}

/** `--url` and `--token` (the gateway's GraphQL URL and the interface engine's session token), plus `extra` options. */
export function parseFeedArgs(args: readonly string[], extra: string[], usage: string): FeedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: Object.fromEntries([
        ...['url', 'token', ...extra].map((name) => [name, { type: 'string' as const }]),
        ['help', { type: 'boolean' as const }],
      ]),
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
  const values = parsed.values as Record<string, string | undefined> & { help?: boolean };
  if (values.help) throw new UsageError(usage);
  const { url, token } = values;
  if (!url || !token) throw new UsageError(`--url and --token are required.\n\n${usage}`);
  return { url, token, values, positionals: parsed.positionals };
}
