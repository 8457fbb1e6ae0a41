import { graphql, tokenFor } from './support/gateway-client.js';
import { sqlStatements } from './support/sql-counter.js';

const clinician = { user: 'dr.amelia.hart', role: 'rp-hart-rx1' };
// The one role that sees all four subgraphs' parts of a record: the patient, in the portal, for her own.
const portalPatient = { user: 'olivia.bennett', role: 'rp-bennett-portal' };
const privacyOfficer = { user: 'privacy.priya.shah', role: 'rp-shah-rx1' };
const oliviaBennett = '5e1f0c3a-0000-4000-8000-000000000001';

describe('one query across the four subgraphs', () => {
  test('a patient comes back with demographics, referrals, appointments and the access trail', async () => {
    const token = await tokenFor(portalPatient.user, portalPatient.role);
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
    const toRx1 = patient.referrals.filter((r: { receivingOrganisation: string }) => r.receivingOrganisation === 'RX1');
    expect(toRx1.map((r: { specialty: string }) => r.specialty)).toEqual(['Ophthalmology', 'Cardiology']);
    expect(patient.appointments.map((a: { status: string }) => a.status)).toEqual(['ATTENDED', 'BOOKED']);
    // The audit subgraph resolves in parallel with the others, so this very read may or may not be listed
    // yet; what is listed are real accesses, each with the role and organisation behind it.
    for (const { node } of patient.accessLog.edges) {
      expect(node).toMatchObject({ occurredAt: expect.any(String), role: expect.any(String), outcome: expect.any(String) });
    }
  });

  test('the gateway records who read the patient, in the role they selected', async () => {
    const token = await tokenFor(clinician.user, clinician.role);
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
      { token: await tokenFor(privacyOfficer.user, privacyOfficer.role), variables: { id: oliviaBennett } },
    );
    expect(body.data!.patient.accessEvents).toContainEqual({
      action: 'patient.read',
      subgraph: 'patient',
      userId: 'dr.amelia.hart',
      jobRoleCode: 'R8000',
      organisation: 'RX1',
    });
  });

  test('each entity batch costs one SQL statement, whatever the list size', async () => {
    const token = await tokenFor(clinician.user, clinician.role);
    const clinicList = `query ($from: DateTime!, $to: DateTime!) {
      clinicList(organisation: "RX1", from: $from, to: $to) {
        clinicName
        patient { nhsNumber name { family } referrals { specialty } }
      }
    }`;
    const costOf = async (from: string, to: string) => {
      const before = { patient: await sqlStatements('patient'), carePathway: await sqlStatements('care-pathway') };
      const { body } = await graphql<{ clinicList: unknown[] }>(clinicList, { token, variables: { from, to } });
      expect(body.errors).toBeUndefined();
      return {
        size: body.data!.clinicList.length,
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
