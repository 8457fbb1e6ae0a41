import type { SubgraphDefinition } from '@epr/platform';
import type { Context } from './context.js';
import { buildSchema } from './schema.js';
import { createDb, databaseSchema } from './data/prisma.js';
import { ReferralStore } from './data/referral-store.js';
import { createLoaders } from './loaders.js';
import { ReferralAccess } from './referral-access.js';

/** The care-pathway subgraph: referrals, RTT pathways, timelines and clinical documentation. */
export const carePathwaySubgraph: SubgraphDefinition<Context> = {
  name: 'care-pathway',
  databaseSchema,
  defaultPort: 4002,
  build: ({ pool }) => {
    const db = createDb(pool);
    const referralStore = new ReferralStore(db);
    return {
      schema: buildSchema(),
      createContext: (base) => ({ ...base, referrals: new ReferralAccess(createLoaders(referralStore), base.audit) }),
      close: () => db.$disconnect(),
    };
  },
};
