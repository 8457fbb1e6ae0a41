import { graphql, tokenFor } from './support/gateway-client.js';
import { demoPatients, people } from './support/people.js';

// What a patient portal needs beyond the record itself: finding her own record from her session, and seeing
// the nominations she has made.
const olivia = { user: people.olivia.userId, role: people.olivia.roleProfileId };
const clinician = { user: people.consultant.userId, role: people.consultant.roleProfileId };
const oliviaBennett = demoPatients.olivia.id;
const oliviaHypertension = 'b0b1e000-0000-4000-8000-000000000001';

async function as(who: { user: string; role: string }, query: string, variables: Record<string, unknown> = {}) {
  return (await graphql(query, { token: await tokenFor(who.user, who.role), variables })).body;
}

const nominate = `mutation ($itemId: ID!, $userIds: [ID!]!) { nominateItemViewers(kind: PROBLEM, itemId: $itemId, userIds: $userIds) }`;

describe('a patient portal through the gateway', () => {
  test('the session leads a patient to her own record, and staff to none', async () => {
    const mine = await as(olivia, `{ me { displayName patient { id nhsNumber name { family } } } }`);
    expect(mine).toEqual({
      data: { me: { displayName: 'Olivia Bennett', patient: { id: oliviaBennett, nhsNumber: '9990000018', name: { family: 'Bennett' } } } },
    });
    const staff = await as(clinician, `{ me { displayName patient { id } } }`);
    expect(staff).toEqual({ data: { me: { displayName: 'Dr Amelia Hart', patient: null } } });
  });

  test('she sees the nominations she made, with the staff she named; lifting one removes it', async () => {
    const read = `{ me { patient { nominations { kind itemId viewers { id displayName } } } } }`;
    expect(await as(olivia, read)).toEqual({ data: { me: { patient: { nominations: [] } } } });
    await as(olivia, nominate, { itemId: oliviaHypertension, userIds: [people.nurse.userId, people.gp.userId] });
    try {
      expect(await as(olivia, read)).toEqual({
        data: {
          me: {
            patient: {
              nominations: [
                {
                  kind: 'PROBLEM',
                  itemId: oliviaHypertension,
                  viewers: [
                    { id: people.gp.userId, displayName: 'Dr David Lee' },
                    { id: people.nurse.userId, displayName: 'Ben Okafor' },
                  ],
                },
              ],
            },
          },
        },
      });
    } finally {
      await as(olivia, nominate, { itemId: oliviaHypertension, userIds: [] });
    }
    expect(await as(olivia, read)).toEqual({ data: { me: { patient: { nominations: [] } } } });
  });

  test("staff never see a patient's nominations", async () => {
    const body = await as(clinician, `query ($id: ID!) { patient(id: $id) { name { family } nominations { itemId } } }`, {
      id: oliviaBennett,
    });
    expect(body.data).toEqual({ patient: { name: { family: 'Bennett' }, nominations: null } });
    expect(body.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['patient', 'nominations'], 'FORBIDDEN']]);
  });
});
