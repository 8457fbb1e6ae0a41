import { AuditedWrites, prismaTransactions, type SubgraphDefinition } from '@epr/platform';
import type { Context } from './context.js';
import { buildSchema } from './schema.js';
import { createDb } from './data/prisma.js';
import { PatientStore } from './data/patient-store.js';
import { DirectoryStore } from './data/directory-store.js';
import { DuplicateStore } from './data/duplicate-store.js';
import { MergeStore } from './data/merge-store.js';
import { ClinicalRecordStore } from './data/clinical-record-store.js';
import { AdmissionStore } from './data/admission-store.js';
import { InterfaceMessageStore } from './data/interface-message-store.js';
import { SessionRevocationStore } from './data/session-revocation-store.js';
import { CareStandingStore } from './data/care-standing-store.js';
import { createLoaders, type Stores } from './data/loaders.js';
import { createServices } from './services/index.js';

/** The patient subgraph: master patient index, directory and the clinical record. */
export const patientSubgraph: SubgraphDefinition<Context> = {
  name: 'patient',
  build: ({ pool, relationships, consents }) => {
    const db = createDb(pool);
    const sql = prismaTransactions(db);
    const duplicates = new DuplicateStore(db);
    const stores: Stores = {
      patients: new PatientStore(db, pool),
      directory: new DirectoryStore(db, pool),
      duplicates,
      merges: new MergeStore(db, duplicates),
      careStanding: new CareStandingStore(db),
      clinicalRecord: new ClinicalRecordStore(db),
      admissions: new AdmissionStore(db),
      interfaceMessages: new InterfaceMessageStore(db),
      sessionRevocations: new SessionRevocationStore(db),
    };
    return {
      schema: buildSchema(),
      createContext: (base) => {
        const loaders = createLoaders(stores, consents);
        const services = createServices({
          caller: base.caller,
          policy: base.policy,
          audit: base.audit,
          loaders,
          stores,
          writes: new AuditedWrites(base.audit, sql),
          sql,
          relationships,
          consents,
        });
        return { ...base, ...services };
      },
      close: () => db.$disconnect(),
    };
  },
};
