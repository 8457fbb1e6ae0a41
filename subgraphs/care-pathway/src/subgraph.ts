import { AuditedWrites, prismaTransactions, type SubgraphDefinition } from '@epr/platform';
import type { Context } from './context.js';
import { buildSchema } from './schema.js';
import { createDb } from './data/prisma.js';
import { ReferralStore } from './data/referral-store.js';
import { PathwayStore } from './data/pathway-store.js';
import { RttPeriodStore } from './data/rtt-period-store.js';
import { PathwayEventStore } from './data/pathway-event-store.js';
import { AssessmentStore } from './data/assessment-store.js';
import { ClinicalDocumentStore } from './data/clinical-document-store.js';
import { RttReportStore } from './data/rtt-report-store.js';
import { TrackingListExportStore } from './data/tracking-list-export-store.js';
import { ReferralWriter } from './data/referral-writer.js';
import { ClockEventWriter } from './data/clock-event-writer.js';
import { PathwayLedger } from './data/pathway-ledger.js';
import { createLoaders, forgetAll } from './data/loaders.js';
import { directoryReceivingTeams } from './data/receiving-teams.js';
import { createServices, type ServiceStores } from './services/index.js';
import { exportRoutes } from './exports/routes.js';

/** The care-pathway subgraph: referrals, RTT pathways, timelines and clinical documentation. */
export const carePathwaySubgraph: SubgraphDefinition<Context> = {
  name: 'care-pathway',
  build: ({ pool, relationships, serviceClient }) => {
    // Referrals ask the directory which team receives them; without a service key there is no one to ask.
    if (!serviceClient)
      throw new Error('care-pathway needs SERVICE_PRIVATE_JWK_FILE: it asks the directory which care teams receive referrals.');
    const db = createDb(pool);
    const transactions = prismaTransactions(db);
    const ledger = new PathwayLedger(relationships);
    const readers = {
      referrals: new ReferralStore(db, pool),
      pathways: new PathwayStore(db),
      periods: new RttPeriodStore(db),
      events: new PathwayEventStore(db),
      assessments: new AssessmentStore(db, ledger),
      documents: new ClinicalDocumentStore(db, ledger),
    };
    const stores: ServiceStores = {
      referrals: new ReferralWriter(relationships, ledger),
      clock: new ClockEventWriter(ledger),
      assessments: readers.assessments,
      documents: readers.documents,
      reports: new RttReportStore(db),
      // Each running export holds one connection of the pool (10) while it streams.
      exports: new TrackingListExportStore(pool, 2),
      receivingTeams: directoryReceivingTeams(serviceClient),
    };
    return {
      schema: buildSchema(),
      createContext: (base) => {
        const loaders = createLoaders(readers);
        const services = createServices(
          {
            caller: base.caller,
            policy: base.policy,
            audit: base.audit,
            loaders,
            writes: new AuditedWrites(base.audit, transactions),
            forgetReads: () => forgetAll(loaders),
            now: () => new Date(),
          },
          stores,
        );
        return { ...base, ...services };
      },
      routes: exportRoutes,
      close: () => db.$disconnect(),
    };
  },
};
