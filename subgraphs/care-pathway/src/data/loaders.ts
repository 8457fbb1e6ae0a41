import DataLoader from 'dataloader';
import { groupByKeys, orderByKeys, recordListLoader } from '@epr/platform';
import type { ReferralRecord, ReferralStore } from './referral-store.js';
import type { PathwayRecord, PathwayStore } from './pathway-store.js';
import type { RttPeriodRecord, RttPeriodStore } from './rtt-period-store.js';
import type { PathwayEventRecord, PathwayEventStore, TimelinePageKey } from './pathway-event-store.js';
import type { AssessmentRecord, AssessmentStore, ContributionRecord } from './assessment-store.js';
import type { ClinicalDocumentRecord, ClinicalDocumentStore } from './clinical-document-store.js';

/** The subgraph's stores, created once per process. */
export interface Stores {
  referrals: ReferralStore;
  pathways: PathwayStore;
  periods: RttPeriodStore;
  events: PathwayEventStore;
  assessments: AssessmentStore;
  documents: ClinicalDocumentStore;
}

/** Per-request loaders: one SQL statement a batch. */
export interface Loaders {
  referralById: DataLoader<string, ReferralRecord | null>;
  /** A patient record's referrals, keyed by every patient id it is filed under (merged duplicates included). */
  referralsByRecord: DataLoader<readonly string[], ReferralRecord[], string>;
  pathwayById: DataLoader<string, PathwayRecord | null>;
  pathwayByReferralId: DataLoader<string, PathwayRecord | null>;
  /** A patient record's pathways (as `referralsByRecord`). */
  pathwaysByRecord: DataLoader<readonly string[], PathwayRecord[], string>;
  periodsByPathwayId: DataLoader<string, RttPeriodRecord[]>;
  timelinePage: DataLoader<TimelinePageKey, PathwayEventRecord[], string>;
  assessmentById: DataLoader<string, AssessmentRecord | null>;
  assessmentsByPathwayId: DataLoader<string, AssessmentRecord[]>;
  contributionsByAssessmentId: DataLoader<string, ContributionRecord[]>;
  documentById: DataLoader<string, ClinicalDocumentRecord | null>;
  documentsByPathwayId: DataLoader<string, ClinicalDocumentRecord[]>;
}

export function createLoaders(stores: Stores): Loaders {
  const { referrals, pathways, periods, events, assessments, documents } = stores;
  return {
    referralById: new DataLoader(async (ids) => orderByKeys(ids, await referrals.findByIds(ids), (r) => r.id)),
    referralsByRecord: recordListLoader((ids) => referrals.findByPatientIds(ids)),
    pathwayById: new DataLoader(async (ids) => orderByKeys(ids, await pathways.findByIds(ids), (p) => p.id)),
    pathwayByReferralId: new DataLoader(async (ids) => orderByKeys(ids, await pathways.findByReferralIds(ids), (p) => p.referralId)),
    pathwaysByRecord: recordListLoader((ids) => pathways.findByPatientIds(ids)),
    periodsByPathwayId: new DataLoader(async (ids) => groupByKeys(ids, await periods.findByPathwayIds(ids), (p) => p.pathwayId)),
    timelinePage: new DataLoader(
      async (keys) =>
        groupByKeys(
          keys.map((_, index) => index + 1),
          await events.pages(keys),
          (e) => e.keyIndex,
        ),
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    assessmentById: new DataLoader(async (ids) => orderByKeys(ids, await assessments.findByIds(ids), (a) => a.id)),
    assessmentsByPathwayId: new DataLoader(async (ids) => groupByKeys(ids, await assessments.findByPathwayIds(ids), (a) => a.pathwayId)),
    contributionsByAssessmentId: new DataLoader(async (ids) =>
      groupByKeys(ids, await assessments.contributionsOf(ids), (c) => c.assessmentId),
    ),
    documentById: new DataLoader(async (ids) => orderByKeys(ids, await documents.findByIds(ids), (d) => d.id)),
    documentsByPathwayId: new DataLoader(async (ids) => groupByKeys(ids, await documents.findByPathwayIds(ids), (d) => d.pathwayId)),
  };
}

/** Drops what this request has read, so a mutation's answer shows the state it has just written. */
export function forgetAll(loaders: Loaders): void {
  for (const loader of Object.values(loaders) as DataLoader<unknown, unknown>[]) loader.clearAll();
}
