import { randomUUID } from 'node:crypto';
import type { Caller } from '@epr/identity';
import { graphql } from './support/gateway-client.js';
import { callerFor, callSubgraph, stackSigner, vouchedFor } from './support/subgraph-call.js';
import { sqlStatements } from './support/sql-counter.js';
import { demoPatients, people, type Person, tokenOf } from './support/people.js';

const clinician = people.consultant;
const privacyOfficer = people.privacyOfficer;
const oliviaBennett = demoPatients.olivia.id;

interface LoggedEvent {
  subgraph: string;
  action: string;
  outcome: string;
  userId: string;
  roleProfileId: string;
  jobRoleCode: string;
  organisation: string;
  patient: { id: string } | null;
  category: string | null;
  requestId: string;
}

/** Runs an operation as `who` and returns its data and the request id the gateway gave it. */
async function asUser(who: Person, query: string, variables: Record<string, unknown> = {}) {
  const response = await graphql<Record<string, unknown>>(query, { token: await tokenOf(who), variables });
  expect(response.body.errors).toBeUndefined();
  return { data: response.body.data!, requestId: response.headers.get('x-request-id')! };
}

/** What the security log holds for one request, as a privacy officer sees it. */
async function eventsOf(requestId: string): Promise<LoggedEvent[]> {
  const { data } = await asUser(
    'privacyOfficer',
    `query ($requestId: String!) {
      accessEvents(filter: { requestId: $requestId }, first: 200) {
        edges { node { subgraph action outcome userId roleProfileId jobRoleCode organisation patient { id } category requestId } }
      }
    }`,
    { requestId },
  );
  const events = (data['accessEvents'] as { edges: { node: LoggedEvent }[] }).edges.map((edge) => edge.node);
  return events.sort((a, b) => `${a.subgraph}${a.action}`.localeCompare(`${b.subgraph}${b.action}`));
}

const asClinician = {
  userId: clinician.userId,
  roleProfileId: clinician.roleProfileId,
  jobRoleCode: 'R8000',
  organisation: 'RX1',
  outcome: 'ALLOWED',
};

describe('the security log records every access, once, before the data leaves', () => {
  test.each([
    ['a patient read', `query ($id: ID!) { patient(id: $id) { nhsNumber } }`, [['patient', 'patient.read']]],
    [
      'a patient read joined across three subgraphs',
      `query ($id: ID!) { patient(id: $id) { nhsNumber referrals { specialty } appointments { startsAt } } }`,
      [
        ['care-pathway', 'referral.read'],
        ['patient', 'patient.read'],
        ['scheduling', 'appointment.read'],
      ],
    ],
  ])('%s leaves exactly one event per subgraph that served data', async (_label, query, expected) => {
    const { requestId } = await asUser('consultant', query, { id: oliviaBennett });
    const events = await eventsOf(requestId);
    expect(events.map((e) => [e.subgraph, e.action])).toEqual(expected);
    for (const event of events) expect(event).toMatchObject({ ...asClinician, patient: { id: oliviaBennett }, requestId });
  });

  test('a subgraph writes its request’s events in one statement, however many fields it served', async () => {
    const token = await tokenOf('consultant');
    const before = await sqlStatements('scheduling', 'audit');
    const { body } = await graphql(
      `
        query ($id: ID!) {
          patient(id: $id) {
            appointments {
              startsAt
              clinicName
              status
            }
          }
        }
      `,
      {
        token,
        variables: { id: oliviaBennett },
      },
    );
    expect(body.errors).toBeUndefined();
    expect((await sqlStatements('scheduling', 'audit')) - before).toBe(1);
  });

  test('reading the security log is itself recorded, against the patient whose events were shown', async () => {
    const { requestId: read } = await asUser('consultant', `query ($id: ID!) { patient(id: $id) { nhsNumber } }`, { id: oliviaBennett });
    const { data, requestId: review } = await asUser(
      'privacyOfficer',
      `query ($id: ID!) { accessEvents(filter: { patientId: $id }, first: 5) { edges { node { requestId } } } }`,
      { id: oliviaBennett },
    );
    const shown = (data['accessEvents'] as { edges: { node: { requestId: string } }[] }).edges.map((edge) => edge.node.requestId);
    expect(shown).toContain(read);
    expect(await eventsOf(review)).toEqual([
      {
        subgraph: 'audit',
        action: 'audit.read',
        outcome: 'ALLOWED',
        userId: privacyOfficer.userId,
        roleProfileId: privacyOfficer.roleProfileId,
        jobRoleCode: 'R0001',
        organisation: 'RX1',
        patient: { id: oliviaBennett },
        category: 'access-events',
        requestId: review,
      },
    ]);
  });
});

describe('privacy officer queries', () => {
  test('by user and period, most recent first, page by page with no event twice', async () => {
    const from = new Date().toISOString();
    const reads = [];
    for (let i = 0; i < 3; i++)
      reads.push((await asUser('consultant', `query ($id: ID!) { patient(id: $id) { nhsNumber } }`, { id: oliviaBennett })).requestId);
    const page = async (after: string | null) =>
      (
        await asUser(
          'privacyOfficer',
          `query ($from: DateTime!, $after: String) {
            accessEvents(filter: { userId: "dr.amelia.hart", from: $from, outcome: ALLOWED }, first: 2, after: $after) {
              edges { node { id requestId occurredAt } } pageInfo { hasNextPage endCursor }
            }
          }`,
          { from, after },
        )
      ).data['accessEvents'] as {
        edges: { node: { id: string; requestId: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    const first = await page(null);
    const second = await page(first.pageInfo.endCursor);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.edges, ...second.edges].map((edge) => edge.node.requestId);
    expect(ids).toEqual([...reads].reverse());
  });

  test('bad filters get BAD_USER_INPUT naming the field', async () => {
    const token = await tokenOf('privacyOfficer');
    const { body } = await graphql(
      `
        {
          accessEvents(filter: { from: "2026-12-01T00:00:00Z", to: "2026-11-01T00:00:00Z" }) {
            edges {
              cursor
            }
          }
        }
      `,
      { token },
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    const cursor = await graphql(
      `
        {
          accessEvents(after: "not-a-cursor") {
            edges {
              cursor
            }
          }
        }
      `,
      { token },
    );
    expect(cursor.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  test('export as FHIR AuditEvent resources in a Bundle', async () => {
    const { requestId } = await asUser('consultant', `query ($id: ID!) { patient(id: $id) { nhsNumber } }`, { id: oliviaBennett });
    const { data } = await asUser(
      'privacyOfficer',
      `query ($requestId: String!) { accessEvents(filter: { requestId: $requestId }) { fhirBundle edges { node { fhir } } } }`,
      { requestId },
    );
    const connection = data['accessEvents'] as {
      fhirBundle: { resourceType: string; type: string; entry: { resource: unknown }[] };
      edges: { node: { fhir: unknown } }[];
    };
    expect(connection.fhirBundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(connection.fhirBundle.entry.map((entry) => entry.resource)).toEqual(connection.edges.map((edge) => edge.node.fhir));
    expect(connection.edges[0]!.node.fhir).toMatchObject({
      resourceType: 'AuditEvent',
      action: 'R',
      outcome: '0',
      agent: [{ who: { identifier: { value: clinician.userId } }, requestor: true }],
      entity: expect.arrayContaining([expect.objectContaining({ what: { reference: `Patient/${oliviaBennett}` } })]),
    });
  });
});

describe('who has looked at my record (patient portal)', () => {
  test('shows role, organisation and time of each access, but not who the member of staff was', async () => {
    await asUser('consultant', `query ($id: ID!) { patient(id: $id) { referrals { specialty } } }`, { id: oliviaBennett });
    const { data } = await asUser(
      'olivia',
      `query ($id: ID!) {
        patient(id: $id) {
          accessLog(first: 5) { edges { node { occurredAt role organisation { odsCode name } what reason outcome } } pageInfo { hasNextPage } }
        }
      }`,
      { id: oliviaBennett },
    );
    const log = (data['patient'] as { accessLog: { edges: { node: Record<string, unknown> }[] } }).accessLog.edges.map((edge) => edge.node);
    expect(log).toContainEqual(
      expect.objectContaining({
        role: 'Clinical Practitioner',
        organisation: { odsCode: 'RX1', name: 'Northfield University Hospitals NHS Trust' },
        what: 'Viewed your referrals',
        outcome: 'ALLOWED',
      }),
    );
    expect(JSON.stringify(log)).not.toContain(clinician.userId);
    const times = log.map((entry) => entry['occurredAt'] as string);
    expect(times).toEqual([...times].sort().reverse());
  });
});

describe("the log's organisation names, answered by the audit subgraph itself", () => {
  // Straight to the audit subgraph as the gateway's entity fetch would ask (a credential signed for this body): the
  // path on which audit answers Organisation.name. Only whoever may read the log gets the names.
  const log = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on Patient { accessLog(first: 5) { edges { node { organisation { odsCode name } } } } } } }`;
  const representations = [{ __typename: 'Patient', id: oliviaBennett }];
  const namesFor = async (caller: Caller) => {
    const { body } = await callSubgraph('audit', await stackSigner(), { ...caller, requestId: randomUUID() }, log, { representations });
    return {
      names: JSON.stringify(body.data ?? null).match(/"name":"[^"]+"/g) ?? [],
      codes: (body.errors ?? []).map((e) => e.extensions?.['code']),
    };
  };

  test('the patient gets them; staff of every role, and another service, get none', async () => {
    await asUser('consultant', `query ($id: ID!) { patient(id: $id) { referrals { specialty } } }`, { id: oliviaBennett });
    const own = await namesFor(await callerFor(people.olivia));
    expect(own.codes).toEqual([]);
    expect(own.names.length).toBeGreaterThan(0);
    for (const who of ['consultant', 'gp', 'nurse', 'clerk', 'reception', 'analyst'] as const) {
      const answer = await namesFor(await callerFor(people[who]));
      expect({ who, names: answer.names }).toEqual({ who, names: [] });
      expect(answer.codes.length).toBeGreaterThan(0);
    }
    const asService = await namesFor({ ...vouchedFor.scheduling, requestId: randomUUID() });
    expect(asService.names).toEqual([]);
  });
});

describe('who has looked at my record, page by page', () => {
  test('pages follow on from each other, newest first, as one long page has them', async () => {
    for (let i = 0; i < 3; i++) await asUser('olivia', `query ($id: ID!) { patient(id: $id) { name { family } } }`, { id: oliviaBennett });
    type Page = {
      edges: { cursor: string; node: { occurredAt: string; what: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    const page = async (first: number, after?: string) => {
      const { data } = await asUser(
        'olivia',
        `query ($id: ID!, $first: Int!, $after: String) {
          patient(id: $id) { accessLog(first: $first, after: $after) { edges { cursor node { occurredAt what } } pageInfo { hasNextPage endCursor } } }
        }`,
        { id: oliviaBennett, first, ...(after ? { after } : {}) },
      );
      return (data['patient'] as { accessLog: Page }).accessLog;
    };
    // Every read of the log is logged itself, so newer entries keep arriving; older ones never change. Paging from
    // the second entry of a page of four gives that page's last two, exactly.
    const four = await page(4);
    expect(four.edges).toHaveLength(4);
    const rest = await page(2, four.edges[1]!.cursor);
    expect(rest.edges.map((e) => e.cursor)).toEqual(four.edges.slice(2).map((e) => e.cursor));
    expect(rest.pageInfo.hasNextPage).toBe(true);
    const times = four.edges.map((e) => e.node.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});

describe('who has looked at my record: how accessors are named', () => {
  test('the patient\'s own accesses say "You"; staff roles are named from the policy, never "NHS staff"', async () => {
    await asUser('gp', `query ($id: ID!) { patient(id: $id) { name { family } } }`, { id: oliviaBennett });
    await asUser('olivia', `query ($id: ID!) { patient(id: $id) { name { family } referrals { specialty } } }`, { id: oliviaBennett });
    const { data } = await asUser(
      'olivia',
      `query ($id: ID!) { patient(id: $id) { accessLog(first: 50) { edges { node { role organisation { odsCode } what reason } } } } }`,
      { id: oliviaBennett },
    );
    const log = (
      data['patient'] as { accessLog: { edges: { node: { role: string; organisation: { odsCode: string }; reason: string } }[] } }
    ).accessLog.edges;
    const roles = log.map((edge) => edge.node.role);
    expect(roles).not.toContain('NHS staff');
    expect(log).toContainEqual({ node: expect.objectContaining({ role: 'You', organisation: { odsCode: 'X26' } }) });
    expect(log).toContainEqual({ node: expect.objectContaining({ role: 'Clinical Practitioner', organisation: { odsCode: 'A81001' } }) });
    // Her own reads are never put down to a member of staff's role.
    expect(log.filter((edge) => edge.node.organisation.odsCode === 'X26').map((edge) => edge.node.role)).toEqual(
      log.filter((edge) => edge.node.organisation.odsCode === 'X26').map(() => 'You'),
    );
  });
});
