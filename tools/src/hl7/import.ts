// `npm run -s import:hl7 -- --url <gateway GraphQL URL> --token <session token> [--dead-letter FILE] FILE...`
// Applies HL7 v2 ADT files through the gateway; see the README (Interoperability).
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import { AdtApplier } from './adt-applier.js';
import { GatewayClient } from './gateway-client.js';
import { explainUsage, parseFeedArgs, UsageError } from './feed-args.js';
import { splitMessages, type RawMessage } from './message-stream.js';
import { processMessage } from './process-message.js';

const usage = `Import HL7 v2 ADT messages (A28, A31, A01, A03, A08, A40) through the gateway, as the interface engine.

Usage: npm run -s import:hl7 -- --url <gateway GraphQL URL> --token <session token> [--dead-letter FILE] FILE...

  Messages in a file are separated by blank lines or MLLP framing. Each is applied once (by sender and MSH-10),
  however often the file is imported. Rejected messages go to the dead-letter file with their reason
  (default: rejected-<time>.hl7); the exit code is 1 when any message was rejected.
`;

interface Rejected {
  file: string;
  raw: RawMessage;
  reason: string;
}

async function main(args: string[]): Promise<number> {
  const { url, token, values, positionals: files } = parseFeedArgs(args, ['dead-letter'], usage);
  if (files.length === 0) throw new UsageError(`Name at least one file.\n\n${usage}`);
  const feed = await Promise.all(files.map(async (file) => ({ file, messages: splitMessages(await readFeed(file)) })));
  const total = feed.reduce((n, f) => n + f.messages.length, 0);
  const applier = new AdtApplier(new GatewayClient(url, token));
  const counts = { accepted: 0, duplicate: 0, rejected: 0 };
  const rejected: Rejected[] = [];
  // A progress bar only for a person watching; logs and pipes get the summary line alone.
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: 'ADT {bar} {value}/{total} messages | {eta_formatted} left', stream: process.stderr })
    : null;
  bar?.start(total, 0);
  const started = performance.now();
  for (const { file, messages } of feed) {
    for (const raw of messages) {
      const result = await processMessage(applier, raw.text);
      counts[result.outcome] += 1;
      if (result.outcome === 'rejected') rejected.push({ file, raw, reason: `${result.ack} ${result.reason}` });
      bar?.increment();
    }
  }
  bar?.stop();
  const seconds = (performance.now() - started) / 1000;
  let deadLetter = '';
  if (rejected.length) {
    const target = values['dead-letter'] ?? `rejected-${new Date().toISOString().replace(/[:.]/g, '-')}.hl7`;
    await writeFile(target, rejected.map(deadLetterEntry).join('\n'));
    deadLetter = `; rejected messages and their reasons in ${target}`;
  }
  process.stdout.write(
    `${counts.accepted} accepted, ${counts.duplicate} duplicates, ${counts.rejected} rejected${deadLetter} (${total} messages in ${seconds.toFixed(1)} s)\n`,
  );
  return rejected.length ? 1 : 0;
}

async function readFeed(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

/** A rejected message as it was sent, after comment lines saying where it came from and why it was refused. */
function deadLetterEntry({ file, raw, reason }: Rejected): string {
  return `# ${basename(file)} line ${raw.line}: ${reason.replace(/\s+/g, ' ')}\n${raw.text.split('\r').join('\n')}\n`;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  explainUsage(error);
}
