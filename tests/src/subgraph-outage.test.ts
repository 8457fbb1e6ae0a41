import type { RunningGateway } from '@epr/gateway/gateway-server';
import { findFreePort } from '@epr/tools/db/free-port';
import { graphql } from './support/gateway-client.js';
import { startExtraGateway } from './support/extra-gateway.js';
import { stackState } from './support/stack-state.js';
import { startSubgraphStandIn, type SubgraphStandIn } from './support/subgraph-stand-in.js';
import { eventually } from './support/eventually.js';
import { demoPatients, tokenOf } from './support/people.js';

const oliviaBennett = demoPatients.olivia.id;
const summary = `query ($id: ID!) { patient(id: $id) {
  name { family } referrals { id specialty } appointments { id } accessLog(first: 3) { edges { node { outcome } } } } }`;

interface Summary {
  patient: { name: { family: string }; referrals: unknown[] | null; appointments: unknown[] | null; accessLog: unknown } | null;
}

async function readiness(gateway: RunningGateway) {
  const response = await fetch(new URL('/health/ready', gateway.url));
  return {
    status: response.status,
    body: (await response.json()) as { status: string; subgraphs: Record<string, string>; circuits: Record<string, string> },
  };
}

let token: string;
beforeAll(async () => {
  token = await tokenOf('olivia');
});

describe('a subgraph that is down', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    const nobodyListens = `http://127.0.0.1:${await findFreePort()}/graphql`;
    gateway = await startExtraGateway({ subgraphUrls: { ...stackState().subgraphUrls, 'care-pathway': nobodyListens } });
  });
  afterAll(() => gateway.close());

  test('the rest of the record is answered, with SERVICE_UNAVAILABLE on exactly the missing part', async () => {
    const { status, body } = await graphql<Summary>(summary, { token, url: gateway.url, variables: { id: oliviaBennett } });
    expect(status).toBe(200);
    expect(body.data?.patient?.name.family).toBe('Bennett');
    expect(body.data?.patient?.appointments).not.toBeNull();
    expect(body.data?.patient?.referrals).toBeNull();
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors!;
    expect(error!.path).toEqual(['patient', 'referrals']);
    expect(error!.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'unreachable' });
    // No internal service names: not in the extensions (above), not in the message.
    expect(error!.message).not.toMatch(/care-pathway|care_pathway|127\.0\.0\.1|ECONNREFUSED/);
  });

  test('a root field of that subgraph is null with the error on its own path; other root fields are answered', async () => {
    const { body } = await graphql<{ me: { displayName: string }; referral: unknown }>(
      '{ me { displayName } referral(id: "00000000-0000-4000-8000-000000000000") { id } }',
      { token, url: gateway.url },
    );
    expect(body.data?.me.displayName).toBe('Olivia Bennett');
    expect(body.data?.referral).toBeNull();
    expect(body.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['referral'], 'SERVICE_UNAVAILABLE']]);
  });

  test('readiness says degraded (still serving, 200) and names the subgraph', async () => {
    const { status, body } = await readiness(gateway);
    expect(status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.subgraphs['care-pathway']).toBe('unavailable');
    expect(body.subgraphs['patient']).toBe('ready');
  });
});

describe('a subgraph that hangs, then recovers', () => {
  let gateway: RunningGateway;
  let standIn: SubgraphStandIn;
  const breakerFailures = 2;

  beforeAll(async () => {
    standIn = await startSubgraphStandIn(stackState().subgraphUrls.scheduling);
    gateway = await startExtraGateway({
      subgraphUrls: { ...stackState().subgraphUrls, scheduling: standIn.url },
      resilience: { timeoutMs: 300, breakerFailures, breakerProbeMs: 1_000 },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await standIn.close();
  });

  const appointmentsError = async () => {
    const { body } = await graphql<Summary>(summary, { token, url: gateway.url, variables: { id: oliviaBennett } });
    expect(body.data?.patient?.name.family).toBe('Bennett');
    return body.errors?.find((e) => e.path?.join('.') === 'patient.appointments')?.extensions;
  };

  test('calls time out, then the circuit opens and requests stop reaching it at all', async () => {
    standIn.mode = 'hang';
    for (let i = 0; i < breakerFailures; i++) expect(await appointmentsError()).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'timeout' });
    const reached = standIn.received;
    for (let i = 0; i < 5; i++) expect(await appointmentsError()).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'circuit_open' });
    // Failing fast: none of those five requests waited on the hung subgraph.
    expect(standIn.received).toBe(reached);
    const { body } = await readiness(gateway);
    expect(body.circuits['scheduling']).toBe('open');
  });

  test('once it answers again, a probe closes the circuit and its data comes back', async () => {
    standIn.mode = 'forward';
    await eventually(async () => ((await appointmentsError()) === undefined ? true : undefined), 'the appointments to come back');
    const { status, body } = await readiness(gateway);
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.circuits['scheduling']).toBe('closed');
  });
});

describe('no subgraph at all', () => {
  test('readiness is 503: the gateway cannot serve', async () => {
    const port = await findFreePort();
    const nowhere = Object.fromEntries(Object.keys(stackState().subgraphUrls).map((name) => [name, `http://127.0.0.1:${port}/graphql`]));
    const gateway = await startExtraGateway({ subgraphUrls: nowhere });
    try {
      const { status, body } = await readiness(gateway);
      expect(status).toBe(503);
      expect(body.status).toBe('unavailable');
    } finally {
      await gateway.close();
    }
  });
});
