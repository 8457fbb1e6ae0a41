import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { graphql, type GraphQLResponse } from './support/gateway-client.js';
import { stackState } from './support/stack-state.js';
import { tokenOf } from './support/people.js';

// What a careless client gets wrong: each is its mistake, so a 4xx with a code it can act on — and nothing
// the gateway's operators would be paged for.
let token: string;
beforeAll(async () => {
  token = await tokenOf('olivia');
});

async function post(body: unknown, init: { rawBody?: string } = {}) {
  const response = await fetch(stackState().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: init.rawBody ?? JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as GraphQLResponse['body'],
    requestId: response.headers.get('x-request-id'),
  };
}

interface LogLine {
  level: number;
  requestId?: string;
  msg: string;
}

async function gatewayLog(): Promise<LogLine[]> {
  const text = await readFile(join(stackState().logDir, 'gateway.log'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Error-level lines the gateway logged from now until a marker request of ours shows in its log. */
async function errorsLoggedDuring(work: () => Promise<void>): Promise<LogLine[]> {
  const before = (await gatewayLog()).length;
  await work();
  // The gateway names every request itself (x-request-id of the answer): its log line shows the log has caught up.
  const { requestId: marker } = await post({ query: '{ __typename }' });
  const deadline = Date.now() + 10_000;
  let lines = await gatewayLog();
  while (!lines.some((l) => l.requestId === marker) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    lines = await gatewayLog();
  }
  expect(lines.some((l) => l.requestId === marker)).toBe(true);
  return lines.slice(before).filter((l) => l.level >= 50);
}

const mistakes: [string, unknown, number, string][] = [
  ['an unknown operationName', { query: 'query A { me { displayName } }', operationName: 'Z' }, 400, 'OPERATION_RESOLUTION_FAILURE'],
  [
    'no operationName for a document of several',
    { query: 'query A { me { displayName } } query B { me { userId } }' },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  [
    'an operationName for an anonymous operation',
    { query: '{ me { displayName } }', operationName: 'A' },
    400,
    'OPERATION_RESOLUTION_FAILURE',
  ],
  ['an operationName that is not a string', { query: 'query A { me { displayName } }', operationName: 42 }, 400, 'BAD_REQUEST'],
  ['a subscription', { query: 'subscription { me { displayName } }' }, 400, 'OPERATION_NOT_SUPPORTED'],
  ['a document of fragments only', { query: 'fragment F on Session { displayName }' }, 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['no query at all', { variables: {} }, 400, 'BAD_REQUEST'],
  ['a query that is not a string', { query: { me: true } }, 400, 'BAD_REQUEST'],
  ['a syntax error', { query: '{ me { displayName }' }, 400, 'GRAPHQL_PARSE_FAILED'],
  ['variables that are not an object', { query: '{ me { displayName } }', variables: '[]' }, 400, 'BAD_REQUEST'],
];

describe('client mistakes are answered 4xx with a typed error', () => {
  test.each(mistakes)('%s', async (_what, body, status, code) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(response.body.errors?.[0]?.message).not.toMatch(/Internal server error/);
  });

  test('a body that is not JSON', async () => {
    const response = await post(undefined, { rawBody: '{"query": "{ me { displayName } }"' });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
  });

  test('a mutation sent with GET is refused with 405', async () => {
    const url = new URL(stackState().gatewayUrl);
    url.searchParams.set('query', 'mutation { updateMyConsent(choices: { doNotShare: false }) { doNotShare } }');
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
  });

  test('none of them is logged as an error by the gateway', async () => {
    const errors = await errorsLoggedDuring(async () => {
      for (const [, body] of mistakes) await post(body);
    });
    expect(errors).toEqual([]);
  });
});

describe('errors reveal nothing of the schema or of our services', () => {
  // Each row has its variables, even when empty: jest takes a test function with more parameters than the row
  // has values for one that waits for a `done` callback.
  const probes: [string, string, Record<string, unknown>][] = [
    ['a misspelt field', '{ me { displayNam } }', {}],
    ['a misspelt argument', '{ patient(idd: "x") { id } }', {}],
    ['a misspelt type in a fragment', '{ me { ... on Sesion { userId } } }', {}],
    [
      'a misspelt enum value',
      '{ patient(id: "x") { problems { status } } nominateItemViewers(kind: PROBLM, itemId: "x", userIds: []) }',
      {},
    ],
    [
      'a misspelt enum value in a variable',
      'query ($k: ClinicalItemKind!) { nominateItemViewers(kind: $k, itemId: "x", userIds: []) }',
      { k: 'PROBLM' },
    ],
    ['a misspelt input field', '{ searchPatients(criteria: { familyNam: "x" }) { edges { score } } }', {}],
  ];

  test.each(probes)('%s gets no "Did you mean" suggestion', async (_what, query, variables) => {
    const { body } = await graphql(query, { token, variables });
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors!) expect(error.message).not.toMatch(/did you mean/i);
  });

  test('errors from subgraphs carry no serviceName', async () => {
    // Fields a portal account may not see, in two subgraphs: each refusal comes back from its subgraph.
    const { body } = await graphql(
      '{ duplicateCandidates(first: 1) { edges { cursor } } patientTrackingList(organisation: "RX1") { hasNextPage } }',
      {
        token,
      },
    );
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN' }, { code: 'FORBIDDEN' }]);
  });
});
