import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningGateway } from '@epr/gateway/gateway-server';
import { composeSupergraph } from '@epr/tools/composition/compose';
import { repoRoot } from '@epr/tools/db/repo-root';
import { graphql } from './support/gateway-client.js';
import { startExtraGateway } from './support/extra-gateway.js';
import { tokenOf } from './support/people.js';

/** Writes the file the way a deploy should: a complete new file renamed into place. */
async function publish(file: string, sdl: string): Promise<void> {
  await writeFile(`${file}.next`, sdl);
  await rename(`${file}.next`, file);
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('the gateway reloads a changed supergraph without a restart', () => {
  let dir: string;
  let gateway: RunningGateway;
  let token: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'epr-reload-'));
    await cp(join(repoRoot(), 'schema', 'supergraph.graphql'), join(dir, 'supergraph.graphql'));
    gateway = await startExtraGateway({ supergraphFile: join(dir, 'supergraph.graphql') });
    token = await tokenOf('clerk');
  });

  afterAll(async () => {
    await gateway.close();
    await rm(dir, { recursive: true, force: true });
  });

  const clinicList =
    '{ clinicList(organisation: "RX1", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { edges { node { clinicName } } } }';
  const served = async () => {
    const { body } = await graphql(clinicList, { token, url: gateway.url });
    return body.errors === undefined;
  };

  test('a field removed from a subgraph disappears, and returns when the supergraph is restored', async () => {
    expect(await served()).toBe(true);
    const original = await readFile(join(dir, 'supergraph.graphql'), 'utf8');

    const sdlDir = join(dir, 'sdl');
    await cp(join(repoRoot(), 'schema'), sdlDir, { recursive: true });
    const scheduling = join(sdlDir, 'scheduling.graphql');
    const sdl = await readFile(scheduling, 'utf8');
    await writeFile(scheduling, sdl.replace(/ {2}"""\n {2}A clinic list:[\s\S]*?\): AppointmentConnection![^\n]*\n/, ''));
    const without = await composeSupergraph(sdlDir);
    if (!without.ok) throw new Error(without.errors.join('\n'));
    expect(without.supergraphSdl).not.toContain('clinicList');

    await publish(join(dir, 'supergraph.graphql'), without.supergraphSdl);
    expect(await eventually(async () => !(await served()))).toBe(true);
    const { body } = await graphql(clinicList, { token, url: gateway.url });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');

    await publish(join(dir, 'supergraph.graphql'), original);
    expect(await eventually(served)).toBe(true);
  }, 30_000);

  test('a broken supergraph file is rejected and the last good one keeps serving', async () => {
    await publish(join(dir, 'supergraph.graphql'), 'this is not a supergraph');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await served()).toBe(true);
  });
});
