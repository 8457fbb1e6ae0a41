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
  --issued-ago <duration>  sign in that long ago, e.g. 13h: past the maximum session age (12h), the
                           gateway refuses it as too old although it expires --ttl from now
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
  const ttlSeconds = optionalDuration('--ttl', values.ttl);
  const issuedAgoSeconds = optionalDuration('--issued-ago', values['issued-ago']);
  return {
    help: false,
    json: values.json ?? false,
    request: {
      userId: values.user,
      roleProfileId: values.role,
      ...(values.card !== undefined && { cardSerial: values.card }),
      ...(ttlSeconds !== undefined && { ttlSeconds }),
      ...(issuedAgoSeconds !== undefined && { issuedAgoSeconds }),
      expired: values.expired ?? false,
    },
  };
}

function optionalDuration(option: string, text: string | undefined): number | undefined {
  try {
    return text === undefined ? undefined : parseDurationSeconds(text);
  } catch (error) {
    throw new UsageError(`${option}: ${(error as Error).message}`);
  }
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
        'issued-ago': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs explains unknown options and missing values well; only the error type changes.
    throw new UsageError((error as Error).message);
  }
}
