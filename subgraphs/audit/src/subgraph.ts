import { prismaTransactions, type SubgraphDefinition } from '@epr/platform';
import type { Context } from './context.js';
import { buildSchema } from './schema.js';
import { createDb } from './data/prisma.js';
import { AccessEventStore } from './data/access-event-store.js';
import { AlertStore } from './data/alert-store.js';
import { OrganisationDirectory } from './data/organisation-directory.js';
import { createServices, type ServiceStores } from './services/index.js';

/** The audit subgraph: the security log every subgraph appends to, and the queries privacy officers run. */
export const auditSubgraph: SubgraphDefinition<Context> = {
  name: 'audit',
  build: ({ pool, serviceClient }) => {
    // The access log's organisation names come from the directory, asked in audit's own name.
    if (!serviceClient) throw new Error('The audit subgraph needs SERVICE_PRIVATE_JWK_FILE (its key for asking the directory).');
    const db = createDb(pool);
    const stores: ServiceStores = {
      events: new AccessEventStore(db, pool),
      alerts: new AlertStore(db),
      organisations: new OrganisationDirectory(serviceClient),
      transactions: prismaTransactions(db),
    };
    return {
      schema: buildSchema(),
      createContext: (base) => ({ ...base, ...createServices({ caller: base.caller, policy: base.policy, audit: base.audit }, stores) }),
      close: () => db.$disconnect(),
    };
  },
};
