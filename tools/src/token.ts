// `npm run token -- --user <userId> --role <roleProfileId> [--card <serial>] [--ttl 8h] [--expired] [--issued-ago 13h] [--json]`
// Prints a development session token on stdout (alone, so `$(npm run -s token -- ...)` captures it).
import { mintSessionToken } from './dev-issuer/index.js';
import { parseTokenArgs, TOKEN_USAGE, UsageError } from './dev-issuer/token-args.js';

try {
  const command = parseTokenArgs(process.argv.slice(2));
  if (command.help) {
    process.stdout.write(TOKEN_USAGE);
  } else {
    const minted = await mintSessionToken(command.request);
    process.stdout.write(command.json ? `${JSON.stringify(minted, null, 2)}\n` : `${minted.token}\n`);
  }
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n\n${TOKEN_USAGE}`);
  process.exitCode = 2;
}
