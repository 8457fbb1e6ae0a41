import type { SubgraphDefinition } from '@epr/platform';
import type { Context } from './context.js';
import { buildSchema } from './schema.js';
import { createDb, databaseSchema } from './data/prisma.js';
import { AppointmentStore } from './data/appointment-store.js';
import { createLoaders } from './loaders.js';
import { AppointmentAccess } from './appointment-access.js';

/** The scheduling subgraph: clinics, slots, appointments and attendance. */
export const schedulingSubgraph: SubgraphDefinition<Context> = {
  name: 'scheduling',
  databaseSchema,
  defaultPort: 4003,
  build: ({ pool }) => {
    const db = createDb(pool);
    const appointmentStore = new AppointmentStore(db);
    return {
      schema: buildSchema(),
      createContext: (base) => ({ ...base, appointments: new AppointmentAccess(createLoaders(appointmentStore), appointmentStore, base.audit) }),
      close: () => db.$disconnect(),
    };
  },
};
