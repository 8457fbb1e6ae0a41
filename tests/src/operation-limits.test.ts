import { createHash, randomUUID } from 'node:crypto';
import { defaultOperationLimits, subgraphOperationLimits } from '@epr/platform';
import { graphql, type GraphQLResponse } from './support/gateway-client.js';
import { callSubgraph, stackSigner } from './support/subgraph-call.js';
import { sqlStatements, statementsFor } from './support/sql-counter.js';
import { stackState } from './support/stack-state.js';
import { demoPatients, people, tokenOf } from './support/people.js';

// Every limit is tried as a careless or hostile client would, with one portal account: the cheapest to get.
const oliviaBennett = demoPatients.olivia.id;
const limits = defaultOperationLimits;
let token: string;

beforeAll(async () => {
  token = await tokenOf('olivia');
});

function expectRefused(response: GraphQLResponse, limit: string, found?: number) {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  const error = response.body.errors?.find((e) => e.extensions?.['limit'] === limit);
  expect(error?.extensions).toEqual(
    expect.objectContaining({ code: 'OPERATION_TOO_COMPLEX', limit, ...(found !== undefined ? { found } : {}) }),
  );
  // The message names the limit first, for a person to read.
  const names: Record<string, string> = {
    depth: 'Depth',
    aliases: 'Alias',
    rootFields: 'Root field',
    directives: 'Directive',
    tokens: 'Token',
    cost: 'Cost',
  };
  expect(error?.message).toMatch(new RegExp(`^${names[limit]} limit exceeded: `));
}

/** `patient { referrals { patient { referrals { … } } } }`: each level a list of referrals, each with its patient. */
function fanOut(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = i % 2 === 0 ? `referrals { id patient { ${inner} } }` : inner;
  return `{ patient(id: "${oliviaBennett}") { ${inner} } }`;
}

/** A chain without lists: `me { roleProfile { organisation { careTeams { organisation { … } } } } }`. */
function chain(levels: number): string {
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = `careTeams { organisation { ${inner} } }`;
  return `{ me { roleProfile { organisation { ${inner} } } } }`;
}

describe('operation limits at the gateway', () => {
  test('a 41-level fan-out is refused before anything runs, naming the depth limit', async () => {
    const before = await sqlStatements('care-pathway');
    expectRefused(await graphql(fanOut(40), { token }), 'depth', 42);
    expect(await sqlStatements('care-pathway')).toBe(before);
  });

  test('a 601-level chain is refused', async () => {
    expectRefused(await graphql(chain(300), { token }), 'depth', 604);
  });

  test('depth hidden in fragments is counted where they are spread; type conditions add no level', async () => {
    const deep = `
      query { patient(id: "${oliviaBennett}") { ...A } }
      fragment A on Patient { referrals { patient { ...B } } }
      fragment B on Patient { ... on Patient { referrals { patient { ...C } } } }
      fragment C on Patient { referrals { patient { referrals { patient { referrals { patient { referrals { patient { id } } } } } } } } }`;
    expectRefused(await graphql(deep, { token }), 'depth', 14);
    const shallow = `query { patient(id: "${oliviaBennett}") { ... on Patient { ... on Patient { ...N } } } } fragment N on Patient { name { family } }`;
    const { status, body } = await graphql(shallow, { token });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  test('20,000 aliases of `me` are refused while parsing, without a statement to the database', async () => {
    const query = `{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: me { displayName }`).join(' ')} }`;
    const statements = await statementsFor('patient', token, async () => expectRefused(await graphql(query, { token }), 'tokens'));
    expect(statements).toBe(0);
  });

  test('aliases are counted across fragments, however often a fragment is spread', async () => {
    const fragment = `fragment Names on Session { ${Array.from({ length: 8 }, (_, i) => `n${i}: displayName`).join(' ')} }`;
    const spreads = Array.from({ length: 4 }, (_, i) => `m${i}: me { ...Names }`).join(' ');
    expectRefused(await graphql(`{ ${spreads} } ${fragment}`, { token }), 'aliases', 4 * 8 + 4);
  });

  test('aliases within the limit are answered; `__typename` aliases are free', async () => {
    const query = `{ ${Array.from({ length: limits.maxAliases }, (_, i) => `t${i}: __typename`).join(' ')} a: me { displayName } }`;
    const { status, body } = await graphql(query, { token });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  test('too many root fields are refused, fragments included', async () => {
    const fields = Array.from({ length: limits.maxRootFields + 1 }, (_, i) => `o${i}: organisation(odsCode: "RX1") { name }`);
    const query = `{ ...Half ${fields.slice(10).join(' ')} } fragment Half on Query { ${fields.slice(0, 10).join(' ')} }`;
    const response = await graphql(query, { token });
    expectRefused(response, 'rootFields', limits.maxRootFields + 1);
  });

  test('too many directives are refused', async () => {
    const query = `{ me { ${Array.from({ length: limits.maxDirectives + 1 }, () => 'displayName @include(if: true)').join(' ')} } }`;
    expectRefused(await graphql(query, { token }), 'directives', limits.maxDirectives + 1);
  });

  test('cost counts list sizes from `first`, also when it comes in a variable', async () => {
    const query = `query ($n: Int) { searchPatients(criteria: { familyName: "Bennett" }, first: $n) {
      edges { node { id referrals { id patient { id referrals { id specialty } } } } } } }`;
    const clinician = await tokenOf('consultant');
    expectRefused(await graphql(query, { token: clinician, variables: { n: 100 } }), 'cost');
    const { status, body } = await graphql(query, { token: clinician, variables: { n: 5 } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  test('cost counts unbounded lists at the assumed size, so a fan-out within the depth limit is refused', async () => {
    expectRefused(await graphql(fanOut(10), { token }), 'cost');
  });

  test('fragments spread inside fragments cannot multiply an operation past the walk', async () => {
    // Each level spreads the one below ten times: 10^6 fields from a few hundred tokens.
    const levels = ['F0 on Session { displayName userId }'];
    for (let i = 1; i <= 6; i++) {
      levels.push(`F${i} on Session { ${Array.from({ length: 10 }, () => `...F${i - 1}`).join(' ')} }`);
    }
    const query = `{ me { ...F6 } } ${levels.map((l) => `fragment ${l}`).join(' ')}`;
    expectRefused(await graphql(query, { token }), 'cost');
  });

  test('the operations the portals send stay well within every limit', async () => {
    const summary = `query ($id: ID!) { patient(id: $id) {
      id nhsNumber name { given family } birthDate sex
      referrals { id specialty priority receivedOn receivingOrganisation }
      appointments { id clinicName organisation startsAt status }
      accessLog(first: 20) { edges { node { occurredAt role organisation { name } what reason outcome } } } } }`;
    const { status, body } = await graphql(summary, { token, variables: { id: oliviaBennett } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  test('a batch of operations in one request is refused', async () => {
    const response = await fetch(stackState().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ me { displayName } }' }, { query: '{ me { userId } }' }]),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLResponse['body'];
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
  });

  test('a persisted query over a limit is never stored, so its hash alone is not found afterwards', async () => {
    const query = fanOut(40);
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persisted = { persistedQuery: { version: 1, sha256Hash } };
    const send = (body: object) =>
      fetch(stackState().gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as GraphQLResponse['body'] }));
    expect((await send({ query, extensions: persisted })).status).toBe(400);
    const hashOnly = await send({ extensions: persisted });
    expect(hashOnly.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('operation limits in every subgraph (defence in depth)', () => {
  test('a subgraph refuses an operation over a limit even with a valid gateway credential', async () => {
    const signer = await stackSigner();
    const olivia = {
      kind: 'user',
      userId: people.olivia.userId,
      roleProfileId: people.olivia.roleProfileId,
      jobRoleCode: 'PATIENT',
      organisationOds: 'X26',
      requestId: randomUUID(),
    } as const;
    const before = await sqlStatements('patient');
    expectRefused(await callSubgraph('patient', signer, olivia, chain(10)), 'depth');
    const subgraphLimits = subgraphOperationLimits(limits);
    const aliases = `{ ${Array.from({ length: subgraphLimits.maxAliases + 1 }, (_, i) => `a${i}: me { displayName }`).join(' ')} }`;
    expectRefused(await callSubgraph('patient', signer, { ...olivia, requestId: randomUUID() }, aliases), 'aliases');
    expect(await sqlStatements('patient')).toBe(before);
  });
});
