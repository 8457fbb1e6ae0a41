import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../db/repo-root.js';
import { mintSessionToken } from '../dev-issuer/index.js';
import { startTestStack, type TestStackState } from '../stack/test-stack.js';

/*
 * `npm run docs:chart`: the README's picture of the weekly-band chart, drawn by the system itself. Starts the
 * whole stack on a scratch database with the demo data (free ports; nothing local touched), downloads
 * /reports/rtt/performance.svg as RX1's booking clerk and writes it to docs/rtt-performance-demo.svg.
 */
const census = '2026-11-24';

const stack = await startTestStack();
try {
  const state = JSON.parse(await readFile(stack.stateFile, 'utf8')) as TestStackState;
  const { token } = await mintSessionToken({ userId: 'clerk.chloe.reid', roleProfileId: 'rp-reid-rx1' }, { keyDir: state.keyDir });
  const response = await fetch(new URL(`/reports/rtt/performance.svg?census=${census}`, state.gatewayUrl), {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`performance.svg answered ${response.status}: ${await response.text()}`);
  const file = join(repoRoot(), 'docs', 'rtt-performance-demo.svg');
  await writeFile(file, await response.text());
  console.log(`Wrote ${file}`);
} finally {
  await stack.stop();
}
