import type { SubgraphDefinition } from '@epr/platform';
import type { Context, Writers } from './context.js';
import { buildSchema } from './schema.js';
import { createDb, databaseSchema } from './data/prisma.js';
import { ReferralStore } from './data/referral-store.js';
import { PathwayStore } from './data/pathway-store.js';
import { RttPeriodStore } from './data/rtt-period-store.js';
import { PathwayEventStore } from './data/pathway-event-store.js';
import { AssessmentStore } from './data/assessment-store.js';
import { ClinicalDocumentStore } from './data/clinical-document-store.js';
import { RttReportStore } from './data/rtt-report-store.js';
import { ReferralWriter } from './data/referral-writer.js';
import { ClockEventWriter } from './data/clock-event-writer.js';
import { createLoaders, forgetAll, type Stores } from './loaders.js';
import { ReferralAccess } from './referral-access.js';
import { PathwayAccess } from './pathway-access.js';
import { AssessmentAccess } from './assessment-access.js';
import { ClinicalDocumentAccess } from './clinical-document-access.js';
import { RttReportAccess } from './rtt-report-access.js';

/** The care-pathway subgraph: referrals, RTT pathways, timelines and clinical documentation. */
export const carePathwaySubgraph: SubgraphDefinition<Context> = {
  name: 'care-pathway',
  databaseSchema,
  defaultPort: 4002,
  build: ({ pool, relationships }) => {
    const db = createDb(pool);
    const stores: Stores = {
      referrals: new ReferralStore(db),
      pathways: new PathwayStore(db),
      periods: new RttPeriodStore(db),
      events: new PathwayEventStore(db),
      assessments: new AssessmentStore(db),
      documents: new ClinicalDocumentStore(db),
    };
    const reportStore = new RttReportStore(db);
    const writers: Writers = {
      referrals: new ReferralWriter(db, relationships),
      clock: new ClockEventWriter(db),
      assessments: stores.assessments,
      documents: stores.documents,
    };
    return {
      schema: buildSchema(),
      createContext: (base) => {
        const loaders = createLoaders(stores);
        return {
          ...base,
          referrals: new ReferralAccess(loaders, base.policy),
          pathways: new PathwayAccess(loaders, base.policy),
          assessments: new AssessmentAccess(loaders, base.policy),
          documents: new ClinicalDocumentAccess(loaders, base.policy),
          reports: new RttReportAccess(reportStore, base.audit),
          writers,
          refreshAfterWrite: () => forgetAll(loaders),
        };
      },
      close: () => db.$disconnect(),
    };
  },
};
