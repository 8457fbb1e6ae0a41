// `npm run -s hl7:listen -- --url <gateway GraphQL URL> --token <session token> --port N [--host 127.0.0.1]`
// An MLLP listener: each HL7 v2 ADT message is applied through the gateway and answered with an ACK.
import net from 'node:net';
import { Hl7Connection } from '@medplum/hl7';
import { AdtApplier } from './adt-applier.js';
import { GatewayClient } from './gateway-client.js';
import { explainUsage, parseFeedArgs, UsageError } from './feed-args.js';
import { ackFor, processMessage } from './process-message.js';

const usage = `Listen for HL7 v2 ADT messages over MLLP and apply them through the gateway, as the interface engine.

Usage: npm run -s hl7:listen -- --url <gateway GraphQL URL> --token <session token> --port <port> [--host <address>]

  Each message is answered with an ACK: AA (applied, or already applied before), AE (refused: MSA-3 and ERR say
  why; correct and resend), AR (not an ADT message this feed takes, or not applied now: resend later).
  Listens on 127.0.0.1 unless --host says otherwise.
`;

function start(args: string[]): net.Server {
  const { url, token, values } = parseFeedArgs(args, ['port', 'host'], usage);
  const port = Number(values['port']);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port is a port number.\n\n${usage}`);
  const applier = new AdtApplier(new GatewayClient(url, token));
  // Medplum's Hl7Connection frames and unframes MLLP over our own server, so we choose the address it binds.
  const server = net.createServer((socket) => {
    const connection = new Hl7Connection(socket);
    let queue = Promise.resolve();
    connection.addEventListener('message', ({ message }) => {
      // One at a time per connection: a feed's messages are applied in the order they were sent.
      queue = queue.then(async () => {
        const result = await processMessage(applier, message.toString());
        connection.send(ackFor({ ...result, message: result.message ?? message }));
        process.stdout.write(`${new Date().toISOString()} ${result.controlId || '-'} ${result.ack} ${result.reason}\n`);
      });
    });
    connection.addEventListener('error', (event) => process.stderr.write(`connection error: ${event.error.message}\n`));
  });
  server.listen(port, values['host'] ?? '127.0.0.1', () =>
    process.stdout.write(`HL7 v2 MLLP listener on ${values['host'] ?? '127.0.0.1'}:${port}\n`),
  );
  return server;
}

try {
  const server = start(process.argv.slice(2));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close());
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  explainUsage(error);
}
