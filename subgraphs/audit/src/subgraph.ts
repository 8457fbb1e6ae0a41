import type { SubgraphDefinition } from '@epr/platform';
import type { Context } from './context.js';
import { buildSchema } from './schema.js';
import { createDb, databaseSchema } from './data/prisma.js';
import { AccessEventStore } from './data/access-event-store.js';
import { AlertStore } from './data/alert-store.js';
import { createLoaders } from './loaders.js';
import { AuditLogAccess } from './audit-access.js';
import { AlertAccess } from './alert-access.js';

/** The audit subgraph: the security log every subgraph appends to, and the queries privacy officers run. */
export const auditSubgraph: SubgraphDefinition<Context> = {
  name: 'audit',
  databaseSchema,
  defaultPort: 4004,
  build: ({ pool, policy }) => {
    const db = createDb(pool);
    const events = new AccessEventStore(db);
    const alerts = new AlertStore(db);
    return {
      schema: buildSchema(),
      createContext: (base) => ({
        ...base,
        auditLog: new AuditLogAccess(createLoaders(events), events, base.audit, base.policy),
        alerts: new AlertAccess(alerts, base.audit, base.caller),
        accessPolicy: policy,
      }),
      close: () => db.$disconnect(),
    };
  },
};
