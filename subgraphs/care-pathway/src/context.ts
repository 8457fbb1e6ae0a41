import type { SubgraphContext } from '@epr/platform';
import type { ReferralAccess } from './referral-access.js';
import type { PathwayAccess } from './pathway-access.js';
import type { AssessmentAccess } from './assessment-access.js';
import type { ClinicalDocumentAccess } from './clinical-document-access.js';
import type { RttReportAccess } from './rtt-report-access.js';
import type { ReferralWriter } from './data/referral-writer.js';
import type { ClockEventWriter } from './data/clock-event-writer.js';
import type { AssessmentStore } from './data/assessment-store.js';
import type { ClinicalDocumentStore } from './data/clinical-document-store.js';

/** What mutations write through; shared by every request. Reads never go through these. */
export interface Writers {
  referrals: ReferralWriter;
  clock: ClockEventWriter;
  assessments: AssessmentStore;
  documents: ClinicalDocumentStore;
}

/** The care-pathway subgraph's per-request context. */
export interface Context extends SubgraphContext {
  referrals: ReferralAccess;
  pathways: PathwayAccess;
  assessments: AssessmentAccess;
  documents: ClinicalDocumentAccess;
  reports: RttReportAccess;
  writers: Writers;
  /** Called by a mutation after it writes, before it reads back what it returns. */
  refreshAfterWrite: () => void;
}
