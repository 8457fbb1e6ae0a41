import type { Db } from './prisma.js';
import type { AdmissionWithoutTreatment, AppointmentOutcome, ClockEffect, PathwayEventKind } from '../__generated__/prisma/client.js';
import type { CalendarDate } from '../domain/rtt/calendar-date.js';

/** One timeline entry as the resolvers see it. */
export interface PathwayEventRecord {
  id: string;
  pathwayId: string;
  patientId: string;
  ordinal: number;
  kind: PathwayEventKind;
  occurredOn: CalendarDate;
  /** ISO 8601 in UTC. */
  occurredAt: string | null;
  clockEffect: ClockEffect;
  rttStatus: string | null;
  admitted: boolean | null;
  decisionToAdmit: boolean | null;
  appointmentId: string | null;
  appointmentOutcome: AppointmentOutcome | null;
  firstAppointment: boolean | null;
  dnaCommunicatedClearly: boolean | null;
  communicationEvidence: string | null;
  admissionWithoutTreatment: AdmissionWithoutTreatment | null;
  backEntered: boolean;
  documentId: string | null;
  assessmentId: string | null;
  note: string | null;
  recordedBy: string;
}

/** Where a timeline page starts: after this (date, ordinal), or from the beginning. */
export interface TimelinePageKey {
  pathwayId: string;
  after: { occurredOn: CalendarDate; ordinal: number } | null;
  /** Rows to read; one more than the page so the caller can tell whether another page follows. */
  limit: number;
}

/** Timeline reads. */
export class PathwayEventStore {
  constructor(private readonly db: Db) {}

  /**
   * Pages of many pathways' timelines in one SQL statement: each key's page is a LATERAL index range scan of
   * (pathway_id, occurred_on, ordinal), so the cost follows the page size, not the timeline's length. Each row
   * says which key (by position) it answers.
   */
  pages(keys: readonly TimelinePageKey[]): Promise<(PathwayEventRecord & { keyIndex: number })[]> {
    return this.db.$queryRaw<(PathwayEventRecord & { keyIndex: number })[]>`
      SELECT k.key_index::int AS "keyIndex", e.id::text AS "id", e.pathway_id::text AS "pathwayId", e.patient_id::text AS "patientId", e.ordinal,
             e.kind::text AS "kind", e.occurred_on::text AS "occurredOn", to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
             e.clock_effect::text AS "clockEffect", e.rtt_status AS "rttStatus", e.admitted,
             e.decision_to_admit AS "decisionToAdmit", e.appointment_id::text AS "appointmentId",
             e.appointment_outcome::text AS "appointmentOutcome", e.first_appointment AS "firstAppointment",
             e.dna_communicated_clearly AS "dnaCommunicatedClearly", e.communication_evidence AS "communicationEvidence",
             e.admission_without_treatment::text AS "admissionWithoutTreatment", e.back_entered AS "backEntered", e.document_id::text AS "documentId",
             e.assessment_id::text AS "assessmentId", e.note, e.recorded_by AS "recordedBy"
      FROM unnest(${keys.map((k) => k.pathwayId)}::uuid[], ${keys.map((k) => k.after?.occurredOn ?? '-infinity')}::date[],
                  ${keys.map((k) => k.after?.ordinal ?? 0)}::int[], ${keys.map((k) => k.limit)}::int[])
             WITH ORDINALITY AS k(pathway_id, after_on, after_ordinal, lim, key_index)
      CROSS JOIN LATERAL (
        SELECT * FROM pathway_event e
        WHERE e.pathway_id = k.pathway_id AND (e.occurred_on, e.ordinal) > (k.after_on, k.after_ordinal)
        ORDER BY e.occurred_on, e.ordinal
        LIMIT k.lim
      ) e
      ORDER BY k.key_index, e.occurred_on, e.ordinal`;
  }
}
