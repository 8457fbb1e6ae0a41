import { parseArgs } from 'node:util';
import { parseDurationSeconds } from './duration.js';
import type { SessionTokenRequest } from './mint-session-token.js';

export const TOKEN_USAGE = `Mint a development session token, as NHS CIS2 would after a smartcard sign-in.

Usage: npm run token -- --user <userId> --role <roleProfileId> [options]

  --user <userId>          the signed-in user (sub)
  --role <roleProfileId>   the role profile selected for the session (selected_roleid)
  --card <serial>          the smartcard serial (card_serial)
  --ttl <duration>         session lifetime, e.g. 90s, 45m, 8h, 1d (default 8h)
  --expired                mint a token that has already expired
  --json                   print the token and its claims as JSON
  --help                   show this help
`;

/** The command line was wrong; the message says how. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type TokenCommand =
  { readonly help: true } | { readonly help: false; readonly request: SessionTokenRequest; readonly json: boolean };

export function parseTokenArgs(args: readonly string[]): TokenCommand {
  const { values } = parseOrExplain(args);
  if (values.help) return { help: true };
  if (!values.user) throw new UsageError('--user is required.');
  if (!values.role) throw new UsageError('--role is required.');
  let ttlSeconds: number | undefined;
  try {
    ttlSeconds = values.ttl === undefined ? undefined : parseDurationSeconds(values.ttl);
  } catch (error) {
    throw new UsageError(`--ttl: ${(error as Error).message}`);
  }
  return {
    help: false,
    json: values.json ?? false,
    request: {
      userId: values.user,
      roleProfileId: values.role,
      ...(values.card !== undefined && { cardSerial: values.card }),
      ...(ttlSeconds !== undefined && { ttlSeconds }),
      expired: values.expired ?? false,
    },
  };
}

function parseOrExplain(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        user: { type: 'string' },
        role: { type: 'string' },
        card: { type: 'string' },
        ttl: { type: 'string' },
        expired: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs explains unknown options and missing values well; only the error type changes.
    throw new UsageError((error as Error).message);
  }
}
