import type { RttReportStore } from '../data/rtt-report-store.js';
import type { TrackingListExportStore } from '../data/tracking-list-export-store.js';
import type { ReferralWriter } from '../data/referral-writer.js';
import type { ClockEventWriter } from '../data/clock-event-writer.js';
import type { AssessmentStore } from '../data/assessment-store.js';
import type { ClinicalDocumentStore } from '../data/clinical-document-store.js';
import type { ReceivingTeams } from '../data/receiving-teams.js';
import { AssessmentService } from './assessment-service.js';
import { PathwayDocumentService } from './pathway-document-service.js';
import { PathwayService } from './pathway-service.js';
import { ReferralService } from './referral-service.js';
import { RttReportService } from './rtt-report-service.js';
import type { ServiceRequest } from './request.js';

/** What the services write through and report from; created once per process. */
export interface ServiceStores {
  referrals: ReferralWriter;
  clock: ClockEventWriter;
  assessments: AssessmentStore;
  documents: ClinicalDocumentStore;
  reports: RttReportStore;
  exports: TrackingListExportStore;
  /** The directory's answer to "which teams receive referrals for this service?" */
  receivingTeams: ReceivingTeams;
}

/** The care-pathway subgraph's services for one request: everything its resolvers may call. */
export interface Services {
  referrals: ReferralService;
  pathways: PathwayService;
  assessments: AssessmentService;
  documents: PathwayDocumentService;
  reports: RttReportService;
}

export function createServices(request: ServiceRequest, stores: ServiceStores): Services {
  const pathways = new PathwayService(request, stores.clock);
  return {
    pathways,
    referrals: new ReferralService(request, stores.referrals, pathways, stores.receivingTeams),
    assessments: new AssessmentService(request, stores.assessments, pathways),
    documents: new PathwayDocumentService(request, stores.documents, pathways),
    reports: new RttReportService(request, stores.reports, stores.exports),
  };
}

export type { ServiceRequest } from './request.js';
