import { graphql } from './support/gateway-client.js';
import { as, demoPatients, people, tokenOf } from './support/people.js';
import { sqlStatements } from './support/sql-counter.js';

const oliviaBennett = demoPatients.olivia.id;

describe('one query across the four subgraphs', () => {
  test('a patient comes back with demographics, referrals, appointments and the access trail', async () => {
    // The one role that sees all four subgraphs' parts of a record: the patient, in the portal, for her own.
    const token = await tokenOf('olivia');
    const { status, body } = await graphql<{ patient: Record<string, any> }>(
      `
        query ($id: ID!) {
          patient(id: $id) {
            nhsNumber
            name {
              given
              family
            }
            birthDate
            referrals {
              specialty
              priority
              receivedOn
              receivingOrganisation
            }
            appointments {
              clinicName
              status
              startsAt
            }
            accessLog(first: 5) {
              edges {
                node {
                  occurredAt
                  role
                  organisation {
                    name
                  }
                  what
                  outcome
                }
              }
            }
          }
        }
      `,
      { token, variables: { id: oliviaBennett } },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const patient = body.data!.patient;
    expect(patient).toMatchObject({ nhsNumber: '9990000018', name: { given: 'Olivia', family: 'Bennett' }, birthDate: '1954-03-12' });
    // The demo referrals to RX1 (other tests refer her elsewhere).
    const toRx1 = patient['referrals'].filter((r: { receivingOrganisation: string }) => r.receivingOrganisation === 'RX1');
    expect(toRx1.map((r: { specialty: string }) => r.specialty)).toEqual(['Ophthalmology', 'Cardiology']);
    expect(patient['appointments'].map((a: { status: string }) => a.status)).toEqual(['ATTENDED', 'BOOKED']);
    // The audit subgraph resolves in parallel with the others, so this very read may or may not be listed
    // yet; what is listed are real accesses, each with the role and organisation behind it.
    for (const { node } of patient['accessLog'].edges) {
      expect(node).toMatchObject({ occurredAt: expect.any(String), role: expect.any(String), outcome: expect.any(String) });
    }
  });

  test('the gateway records who read the patient, in the role they selected', async () => {
    const token = await tokenOf('consultant');
    await graphql(
      `
        query ($id: ID!) {
          patient(id: $id) {
            nhsNumber
          }
        }
      `,
      { token, variables: { id: oliviaBennett } },
    );
    const { body } = await graphql<{ patient: { accessEvents: Record<string, string>[] } }>(
      `
        query ($id: ID!) {
          patient(id: $id) {
            accessEvents(last: 20) {
              action
              subgraph
              userId
              jobRoleCode
              organisation
            }
          }
        }
      `,
      { token: await tokenOf('privacyOfficer'), variables: { id: oliviaBennett } },
    );
    expect(body.data!.patient.accessEvents).toContainEqual({
      action: 'patient.read',
      subgraph: 'patient',
      userId: people.consultant.userId,
      jobRoleCode: 'R8000',
      organisation: 'RX1',
    });
  });

  test('each entity batch costs one SQL statement, whatever the list size', async () => {
    const token = await tokenOf('consultant');
    const clinicList = `query ($from: DateTime!, $to: DateTime!) {
      clinicList(organisation: "RX1", from: $from, to: $to, first: 500) {
        edges { node { clinicName patient { nhsNumber name { family } referrals { specialty } } } }
      }
    }`;
    const costOf = async (from: string, to: string) => {
      const before = { patient: await sqlStatements('patient'), carePathway: await sqlStatements('care-pathway') };
      const { body } = await graphql<{ clinicList: { edges: unknown[] } }>(clinicList, { token, variables: { from, to } });
      expect(body.errors).toBeUndefined();
      return {
        size: body.data!.clinicList.edges.length,
        patient: (await sqlStatements('patient')) - before.patient,
        carePathway: (await sqlStatements('care-pathway')) - before.carePathway,
      };
    };
    const one = await costOf('2026-09-15T00:00:00Z', '2026-09-16T00:00:00Z');
    const all = await costOf('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(one.size).toBe(1);
    expect(all.size).toBeGreaterThanOrEqual(4);
    // One `_entities` call per subgraph, for one patient or for all of them: care-pathway answers it with one SELECT;
    // the patient subgraph with two — the patients, and every patient merged into them (the ids care-pathway lists
    // referrals under, `recordPatientIds`).
    expect(one).toMatchObject({ patient: 2, carePathway: 1 });
    expect(all).toMatchObject({ patient: 2, carePathway: 1 });
  });
});

describe('a clinic list is paged', () => {
  const clinicList = `query ($first: Int, $after: String) {
    clinicList(organisation: "RX1", from: "2026-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z", first: $first, after: $after) {
      edges { cursor node { id startsAt } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  type ClinicList = {
    clinicList: {
      edges: { cursor: string; node: { id: string; startsAt: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };

  test('page by page, earliest first, every appointment once: the same list as one page', async () => {
    const whole = await as<ClinicList>('consultant', clinicList, { first: 500 });
    expect(whole.errors).toBeUndefined();
    const all = whole.data!.clinicList.edges.map((edge) => edge.node);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.map((a) => a.startsAt)).toEqual([...all.map((a) => a.startsAt)].sort());

    const paged: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < all.length + 1; pages += 1) {
      const page: Awaited<ReturnType<typeof as<ClinicList>>> = await as<ClinicList>('consultant', clinicList, { first: 2, after });
      expect(page.errors).toBeUndefined();
      const { edges, pageInfo } = page.data!.clinicList;
      expect(edges.length).toBeLessThanOrEqual(2);
      paged.push(...edges.map((edge) => edge.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(paged).toEqual(all.map((a) => a.id));
  });

  test('a page size out of range and a cursor this list did not give out are BAD_USER_INPUT, naming the argument', async () => {
    const tooMany = await as<ClinicList>('consultant', clinicList, { first: 501 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = Buffer.from(JSON.stringify(['not a time', 'not an id'])).toString('base64url');
    const badCursor = await as<ClinicList>('consultant', clinicList, { first: 2, after: forged });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
