import type pg from 'pg';
import { preparedRead, utcDate } from '@epr/platform';
import type { Db } from './prisma.js';
import type { ReferralPriority, ReferralSource, TriageStatus } from '../__generated__/prisma/client.js';

export interface ReferralRecord {
  id: string;
  patientId: string;
  receivingOrganisation: string;
  specialty: string;
  priority: ReferralPriority;
  receivedOn: Date;
  referredOn: Date | null;
  ubrnConvertedOn: Date | null;
  referringOrganisation: string | null;
  referringClinician: string | null;
  reason: string | null;
  ubrn: string | null;
  /** How it reached the provider; null on referrals recorded before the source was kept. */
  source: ReferralSource | null;
  triageStatus: TriageStatus;
  triagedAt: Date | null;
  triagedBy: string | null;
  triageReason: string | null;
  /** Set together when the referral was withdrawn before the first appointment. */
  withdrawnOn: Date | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
}

export const referralColumns = {
  id: true,
  patientId: true,
  receivingOrganisation: true,
  specialty: true,
  priority: true,
  receivedOn: true,
  referredOn: true,
  ubrnConvertedOn: true,
  referringOrganisation: true,
  referringClinician: true,
  reason: true,
  ubrn: true,
  source: true,
  triageStatus: true,
  triagedAt: true,
  triagedBy: true,
  triageReason: true,
  withdrawnOn: true,
  withdrawnAt: true,
  withdrawnBy: true,
  withdrawalReason: true,
} as const;

// A patient's referrals, latest received first: what every patient summary asks (preparedRead says why not Prisma).
const referralsOfPatients = preparedRead<ReferralRecord>(
  'epr-referrals-of-patients',
  `SELECT id, patient_id AS "patientId", receiving_organisation AS "receivingOrganisation", specialty, priority::text AS priority,
          ${utcDate('received_on', 'receivedOn')}, ${utcDate('referred_on', 'referredOn')}, ${utcDate('ubrn_converted_on', 'ubrnConvertedOn')},
          referring_organisation AS "referringOrganisation", referring_clinician AS "referringClinician", reason, ubrn,
          triage_status::text AS "triageStatus", triaged_at AS "triagedAt", triaged_by AS "triagedBy", triage_reason AS "triageReason",
          source::text AS source, ${utcDate('withdrawn_on', 'withdrawnOn')}, withdrawn_at AS "withdrawnAt", withdrawn_by AS "withdrawnBy",
          withdrawal_reason AS "withdrawalReason"
     FROM referral WHERE patient_id = ANY($1::uuid[]) ORDER BY received_on DESC, id`,
);

/** Referral reads; each takes a batch of keys and costs one SQL statement. */
export class ReferralStore {
  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
  ) {}

  findByIds(ids: readonly string[]): Promise<ReferralRecord[]> {
    return this.db.referral.findMany({ where: { id: { in: [...ids] } }, select: referralColumns });
  }

  findByPatientIds(patientIds: readonly string[]): Promise<ReferralRecord[]> {
    return referralsOfPatients(this.pool, [patientIds]);
  }
}
