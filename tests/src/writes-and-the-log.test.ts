import { randomUUID } from 'node:crypto';
import { graphql, type GraphQLResponse } from './support/gateway-client.js';
import { as, tokenOf } from './support/people.js';
import { withDatabase } from './support/security-log.js';

/*
 * A write and its security-log rows commit together or not at all, and a client retrying a write with an
 * Idempotency-Key gets the first attempt's answer instead of a second write — through the real gateway, with the
 * log made unwritable in the real database.
 */
const practiceTeam = 'ca7e7ea0-0000-4000-8000-000000000006';

const recordProblem = `mutation ($input: RecordProblemInput!) { recordProblem(input: $input) { id code { term } } }`;
const problemsOf = `query ($id: ID!) { patient(id: $id) { problems { id code { term } } } }`;

type Written = { recordProblem: { id: string; code: { term: string } } | null };
type Problems = { patient: { problems: { id: string; code: { term: string } }[] } | null };

const revokeAppend = 'REVOKE EXECUTE ON FUNCTION audit.append_access_events(jsonb, bytea) FROM epr_audit_writer';
const restoreAppend = 'GRANT EXECUTE ON FUNCTION audit.append_access_events(jsonb, bytea) TO epr_audit_writer';

let patientId: string;

beforeAll(async () => {
  const registered = await as<{ registerPatient: { id: string } }>(
    'reception',
    `mutation ($input: RegisterPatientInput!) { registerPatient(input: $input) { id } }`,
    { input: { givenName: 'Idris', familyName: 'Retryman', birthDate: '1970-03-03', registeredGpPractice: 'A81001' } },
  );
  expect(registered.errors).toBeUndefined();
  patientId = registered.data!.registerPatient.id;
});

async function record(term: string, key?: string, conceptId = '38341003'): Promise<GraphQLResponse<Written>> {
  return graphql<Written>(recordProblem, {
    token: await tokenOf('gp'),
    headers: key === undefined ? {} : { 'idempotency-key': key },
    variables: { input: { patientId, code: { conceptId, term }, sealLevel: 'NONE', authoringTeamId: practiceTeam } },
  });
}

async function problemsNamed(term: string): Promise<string[]> {
  const view = await as<Problems>('gp', problemsOf, { id: patientId });
  expect(view.errors).toBeUndefined();
  return view.data!.patient!.problems.filter((p) => p.code.term === term).map((p) => p.id);
}

async function logRowsNaming(itemId: string): Promise<number> {
  return withDatabase(async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit.access_event WHERE action = 'problem.create' AND $1 = ANY(items)`,
      [`PROBLEM:${itemId}`],
    );
    return Number(rows[0]!.n);
  });
}

describe('a write whose security-log rows cannot be written', () => {
  test('is not saved, says so with SERVICE_UNAVAILABLE, and a retry with the same key saves it exactly once', async () => {
    const term = `Hypertension ${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    await withDatabase((client) => client.query(revokeAppend));
    let failed: GraphQLResponse<Written>;
    try {
      failed = await record(term, key);
    } finally {
      await withDatabase((client) => client.query(restoreAppend));
    }
    expect(failed.body.data?.recordProblem ?? null).toBeNull();
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(failed.body.errors?.[0]?.message).toMatch(/security log could not be written/);
    expect(JSON.stringify(failed.body)).not.toMatch(/permission denied|append_access_events|epr_audit_writer/);
    expect(await problemsNamed(term)).toEqual([]);

    const retried = await record(term, key);
    expect(retried.body.errors).toBeUndefined();
    const id = retried.body.data!.recordProblem!.id;
    expect(await problemsNamed(term)).toEqual([id]);
    expect(await logRowsNaming(id)).toBe(1);

    // The answer was lost, say: the same key again gets the same problem back, and nothing more is written.
    const again = await record(term, key);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.recordProblem).toEqual({ id, code: { term } });
    expect(await problemsNamed(term)).toEqual([id]);
    expect(await logRowsNaming(id)).toBe(1);
  });
});

describe('idempotency keys', () => {
  test('without a key, the same write sent twice is two writes (the client asked twice)', async () => {
    const term = `Asthma ${randomUUID().slice(0, 8)}`;
    expect((await record(term)).body.errors).toBeUndefined();
    expect((await record(term)).body.errors).toBeUndefined();
    expect(await problemsNamed(term)).toHaveLength(2);
  });

  test('a retry under another alias (or none) is the same call: the first answer comes back, nothing is written twice', async () => {
    const key = randomUUID();
    const term = `Psoriasis ${randomUUID().slice(0, 8)}`;
    const first = await record(term, key);
    expect(first.body.errors).toBeUndefined();
    const aliased = await graphql<{ again: { id: string } }>(recordProblem.replace('recordProblem(', 'again: recordProblem('), {
      token: await tokenOf('gp'),
      headers: { 'idempotency-key': key },
      variables: { input: { patientId, code: { conceptId: '38341003', term }, sealLevel: 'NONE', authoringTeamId: practiceTeam } },
    });
    expect(aliased.body.errors).toBeUndefined();
    expect(aliased.body.data!.again.id).toBe(first.body.data!.recordProblem!.id);
    expect(await problemsNamed(term)).toHaveLength(1);
  });

  test('the same key with other input is a CONFLICT naming the key, and writes nothing', async () => {
    const key = randomUUID();
    const first = `Gout ${randomUUID().slice(0, 8)}`;
    const other = `Eczema ${randomUUID().slice(0, 8)}`;
    expect((await record(first, key)).body.errors).toBeUndefined();
    const reused = await record(other, key);
    expect(reused.body.data?.recordProblem ?? null).toBeNull();
    expect(reused.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotency-key' });
    expect(await problemsNamed(other)).toEqual([]);
  });

  test('a key is the user’s own: another user sending the same key writes their own record', async () => {
    const key = randomUUID();
    const term = `Migraine ${randomUUID().slice(0, 8)}`;
    const mine = await record(term, key);
    expect(mine.body.errors).toBeUndefined();
    const theirs = await graphql<Written>(recordProblem, {
      token: await tokenOf('sessionalGp'),
      headers: { 'idempotency-key': key },
      variables: { input: { patientId, code: { conceptId: '38341003', term }, sealLevel: 'NONE', authoringTeamId: practiceTeam } },
    });
    expect(theirs.body.errors).toBeUndefined();
    expect(theirs.body.data!.recordProblem!.id).not.toBe(mine.body.data!.recordProblem!.id);
  });

  test('ten clients racing with one key write once and all get the same answer', async () => {
    const key = randomUUID();
    const term = `Psoriasis ${randomUUID().slice(0, 8)}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => record(term, key)));
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
    const ids = new Set(answers.map((answer) => answer.body.data!.recordProblem!.id));
    expect(ids.size).toBe(1);
    expect(await problemsNamed(term)).toEqual([...ids]);
  });

  test('a key that is not a short printable token is refused before anything runs', async () => {
    const term = `Rosacea ${randomUUID().slice(0, 8)}`;
    for (const key of ['x'.repeat(300), 'bad key', 'key;drop', ' ']) {
      const refused = await record(term, key);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await problemsNamed(term)).toEqual([]);
  });
});
