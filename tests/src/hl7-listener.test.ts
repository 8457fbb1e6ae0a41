import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { findFreePort } from '@epr/tools/db/free-port';
import { repoRoot } from '@epr/tools/db/repo-root';

import { stackState } from './support/stack-state.js';
import { msh, pv1 } from './support/hl7-feed.js';
import { tokenOf } from './support/people.js';

/*
 * `npm run -s hl7:listen`: an MLLP listener a PAS's interface engine sends ADT messages to, one connection, one
 * ACK per message — AA applied (or already applied), AE refused with the reason in MSA-3 and ERR, AR not taken.
 */
let listener: ChildProcess;
let client: Hl7Client;

beforeAll(async () => {
  const port = await findFreePort();
  const token = await tokenOf('engine');
  listener = spawn(
    process.execPath,
    [join(repoRoot(), 'tools/dist/hl7/listen.js'), '--url', stackState().gatewayUrl, '--token', token, '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    const failed = (code: number | null) => reject(new Error(`the listener exited with ${code}`));
    listener.once('exit', failed);
    listener.stdout!.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('MLLP listener on')) return;
      listener.off('exit', failed);
      resolve();
    });
  });
  client = new Hl7Client({ host: '127.0.0.1', port });
});

afterAll(async () => {
  await client?.close();
  const exited = new Promise((resolve) => listener.once('exit', resolve));
  listener.kill('SIGTERM');
  await exited;
});

async function send(segments: string[]): Promise<{ code: string; controlId: string; text: string; err: string | undefined }> {
  // No timeoutMs: Medplum's client leaves that timer running after the ACK arrives; jest's own timeout applies.
  const ack = await client.sendAndWait(Hl7Message.parse(segments.join('\r')));
  const msa = ack.getSegment('MSA')!;
  return {
    code: msa.getField(1).toString(),
    controlId: msa.getField(2).toString(),
    text: msa.getField(3).toString(),
    err: ack.getSegment('ERR')?.toString(),
  };
}

describe('the MLLP listener', () => {
  const run = Date.now();
  const person = `PID|1||RX1-L${run}^^^RX1^MR||Listener^Lena||19720202|F`;

  test('AA for an applied message and for the same message again', async () => {
    const first = await send([msh('A28', `L1-${run}`), person]);
    expect(first).toMatchObject({ code: 'AA', controlId: `L1-${run}`, text: expect.stringMatching(/^registered patient/), err: undefined });
    const again = await send([msh('A28', `L1-${run}`), person]);
    expect(again).toMatchObject({ code: 'AA', text: expect.stringMatching(/^Duplicate, already applied/) });
  });

  test('AE with the reason in MSA-3 and ERR when the record refuses the content', async () => {
    const invalid = await send([msh('A28', `L2-${run}`), `PID|1||9990000019^^^NHS^NH||Checksum^Carl||19720202|M`]);
    expect(invalid.code).toBe('AE');
    expect(invalid.text).toMatch(/check digit/);
    expect(invalid.err).toMatch(/^ERR\|\|\|102\^.*check digit.*\^HL70357\|E/);
    const unknown = await send([
      msh('A03', `L3-${run}`),
      'EVN|A03|20261201090000',
      `PID|1||RX1-NOBODY-${run}^^^RX1^MR||Nobody^Ned||19720202|M`,
      pv1({ ward: 'AMU' }),
    ]);
    expect(unknown).toMatchObject({
      code: 'AE',
      text: expect.stringMatching(/not in the master patient index/),
      err: expect.stringMatching(/^ERR\|\|\|204\^/),
    });
  });

  test('AR for a message type the feed does not take; the connection carries on', async () => {
    const unsupported = await send([msh('A05', `L4-${run}`), person]);
    expect(unsupported).toMatchObject({
      code: 'AR',
      text: expect.stringMatching(/ADT\\S\\A05 is not applied here/),
      err: expect.stringMatching(/^ERR\|\|\|201\^/),
    });
    const admitted = await send([msh('A01', `L5-${run}`), person, pv1({ ward: 'AMU', admittedAt: '20261201090000' })]);
    expect(admitted).toMatchObject({ code: 'AA', text: expect.stringMatching(/^admitted patient .* to AMU$/) });
  });
});
