import { exampleOperations } from '@epr/client/examples';

export interface Tab {
  query: string;
  variables?: string;
}

const startHere: Tab = {
  query: `# Patient record API explorer
#
# 1. Get a session token (README, "Getting a session token"):
#      npm run -s token -- --user dr.amelia.hart --role rp-hart-rx1
# 2. Paste it into "Session token" above; the schema (Docs)
#    then loads for your session.
# 3. Run this, or open an example in the other tabs.
#
# Roles, pagination and error codes: docs/partners.md
query WhoAmI {
  me {
    displayName
    roleProfile {
      jobRoleCode
      organisation {
        name
      }
    }
  }
}
`,
};

/** One tab per example operation of the typed client, with variables for the demo data. */
export const exampleTabs: Tab[] = [
  startHere,
  ...Object.values(exampleOperations).map(({ query, audience, signIn, variables }) => ({
    query: `# For ${audience}.\n# Demo token: npm run -s token -- --user ${signIn.user} --role ${signIn.roleProfile}\n${query}\n`,
    variables: JSON.stringify(variables, null, 2),
  })),
];
