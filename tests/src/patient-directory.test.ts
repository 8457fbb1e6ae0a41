import { graphql } from './support/gateway-client.js';
import { people, tokenOf } from './support/people.js';

// The directory: organisations, users, role profiles (user × job role × organisation) and care teams.
describe('the directory', () => {
  test("a user's role profile shows the care teams it belongs to, and each team its members", async () => {
    const { body } = await graphql<{ me: { roleProfile: Record<string, unknown> } }>(
      `
        {
          me {
            roleProfile {
              id
              jobRoleCode
              user {
                displayName
              }
              organisation {
                odsCode
              }
              careTeams {
                code
                name
                organisation {
                  odsCode
                }
                members {
                  id
                  user {
                    id
                  }
                }
              }
            }
          }
        }
      `,
      { token: await tokenOf('nurse') },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.me.roleProfile).toEqual({
      id: people.nurse.roleProfileId,
      jobRoleCode: 'R8001',
      user: { displayName: 'Ben Okafor' },
      organisation: { odsCode: 'RX1' },
      careTeams: [
        {
          code: 'CARDIO-RX1',
          name: 'Cardiology',
          organisation: { odsCode: 'RX1' },
          members: [
            { id: people.consultant.roleProfileId, user: { id: people.consultant.userId } },
            { id: people.nurse.roleProfileId, user: { id: people.nurse.userId } },
          ],
        },
        {
          code: 'DERM-RX1',
          name: 'Dermatology',
          organisation: { odsCode: 'RX1' },
          members: [{ id: people.nurse.roleProfileId, user: { id: people.nurse.userId } }],
        },
      ],
    });
  });

  test('an organisation lists its care teams; a team is found by id; unknown ones are null', async () => {
    const { body } = await graphql<{ organisation: { careTeams: { id: string; code: string }[] }; unknown: null }>(
      `
        {
          organisation(odsCode: "a81001") {
            name
            careTeams {
              id
              code
            }
          }
          unknown: organisation(odsCode: "ZZZ") {
            name
          }
        }
      `,
      { token: await tokenOf('gp') },
    );
    expect(body.data).toEqual({
      organisation: {
        name: 'Riverside Medical Practice',
        careTeams: [{ id: 'ca7e7ea0-0000-4000-8000-000000000006', code: 'PRACTICE-A81001' }],
      },
      unknown: null,
    });
    const team = await graphql(
      `
        {
          careTeam(id: "ca7e7ea0-0000-4000-8000-000000000006") {
            name
            members {
              id
            }
          }
          none: careTeam(id: "x") {
            id
          }
        }
      `,
      {
        token: await tokenOf('gp'),
      },
    );
    // Other test files add staff of their own to teams (support/people.ts `staffAt`); the demo members are these.
    const demoMembers = (team.body.data as { careTeam: { members: { id: string }[] } }).careTeam.members.filter(
      (m) => !m.id.startsWith('rp-test-'),
    );
    expect({
      ...(team.body.data as object),
      careTeam: { ...(team.body.data as { careTeam: object }).careTeam, members: demoMembers },
    }).toEqual({
      careTeam: { name: 'Riverside practice team', members: [{ id: people.sessionalGp.roleProfileId }, { id: people.gp.roleProfileId }] },
      none: null,
    });
  });
});
