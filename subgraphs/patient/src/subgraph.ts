import type { SubgraphDefinition } from '@epr/platform';
import type { Context } from './context.js';
import { buildSchema } from './schema.js';
import { createDb, databaseSchema } from './data/prisma.js';
import { PatientStore } from './data/patient-store.js';
import { DirectoryStore } from './data/directory-store.js';
import { createLoaders } from './loaders.js';
import { PatientAccess } from './patient-access.js';

/** The patient subgraph: master patient index, directory and (soon) the clinical record. */
export const patientSubgraph: SubgraphDefinition<Context> = {
  name: 'patient',
  databaseSchema,
  defaultPort: 4001,
  build: ({ pool }) => {
    const db = createDb(pool);
    const patientStore = new PatientStore(db);
    const directory = new DirectoryStore(db);
    return {
      schema: buildSchema(),
      createContext: (base) => {
        const loaders = createLoaders(patientStore, directory);
        return { ...base, loaders, patients: new PatientAccess(loaders, base.audit), patientStore, directory };
      },
      close: () => db.$disconnect(),
    };
  },
};
