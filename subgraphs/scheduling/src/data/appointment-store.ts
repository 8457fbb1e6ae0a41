import type pg from 'pg';
import { preparedRead } from '@epr/platform';
import type { Db } from './prisma.js';
import type { AppointmentStatus, CancelledBy } from '../__generated__/prisma/client.js';

export interface AppointmentRecord {
  id: string;
  patientId: string;
  organisation: string;
  clinicName: string;
  startsAt: Date;
  status: AppointmentStatus;
  slotId: string | null;
  pathwayId: string | null;
  referralId: string | null;
  cancelledBy: CancelledBy | null;
  cancellationReason: string | null;
  cancelledAt: Date | null;
  rescheduledToId: string | null;
  dnaCommunicatedClearly: boolean | null;
  communicationEvidence: string | null;
  /** When the booking was recorded. */
  createdAt: Date;
  /** Booked by back-entry into a slot that had already started. */
  backEntered: boolean;
}

export const appointmentColumns = {
  id: true,
  patientId: true,
  organisation: true,
  clinicName: true,
  startsAt: true,
  status: true,
  slotId: true,
  pathwayId: true,
  referralId: true,
  cancelledBy: true,
  cancellationReason: true,
  cancelledAt: true,
  rescheduledToId: true,
  dnaCommunicatedClearly: true,
  communicationEvidence: true,
  createdAt: true,
  backEntered: true,
} as const;

/** Where a clinic list stands: the start and id of the last appointment a page gave. */
export interface ClinicListPosition {
  startsAt: Date;
  id: string;
}

const earliestFirst = [{ startsAt: 'asc' }, { id: 'asc' }] as const;

// A patient's appointments, earliest first: what every patient summary asks (preparedRead says why not Prisma).
const appointmentsOfPatients = preparedRead<AppointmentRecord>(
  'epr-appointments-of-patients',
  `SELECT id, patient_id AS "patientId", organisation, clinic_name AS "clinicName", starts_at AS "startsAt", status::text AS status,
          slot_id AS "slotId", pathway_id AS "pathwayId", referral_id AS "referralId", cancelled_by::text AS "cancelledBy",
          cancellation_reason AS "cancellationReason", cancelled_at AS "cancelledAt", rescheduled_to_id AS "rescheduledToId",
          dna_communicated_clearly AS "dnaCommunicatedClearly", communication_evidence AS "communicationEvidence",
          created_at AS "createdAt", back_entered AS "backEntered"
     FROM appointment WHERE patient_id = ANY($1::uuid[]) ORDER BY starts_at, id`,
);

/** Appointment reads; each takes a batch of keys and costs one SQL statement. */
export class AppointmentStore {
  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
  ) {}

  findByIds(ids: readonly string[]): Promise<AppointmentRecord[]> {
    return this.db.appointment.findMany({ where: { id: { in: [...ids] } }, select: appointmentColumns });
  }

  /** A clinic list; served by the (organisation, starts_at) index. */
  /** The organisation's appointments in [from, to), earliest first, after `after` (keyset on start and id). */
  findForOrganisationBetween(
    organisation: string,
    from: Date,
    to: Date,
    after: ClinicListPosition | null,
    limit: number,
  ): Promise<AppointmentRecord[]> {
    const afterPosition = after ? { OR: [{ startsAt: { gt: after.startsAt } }, { startsAt: after.startsAt, id: { gt: after.id } }] } : {};
    return this.db.appointment.findMany({
      where: { organisation, startsAt: { gte: from, lt: to }, ...afterPosition },
      select: appointmentColumns,
      orderBy: [...earliestFirst],
      take: limit,
    });
  }

  findByPatientIds(patientIds: readonly string[]): Promise<AppointmentRecord[]> {
    return appointmentsOfPatients(this.pool, [patientIds]);
  }

  findByPathwayIds(pathwayIds: readonly string[]): Promise<AppointmentRecord[]> {
    return this.db.appointment.findMany({
      where: { pathwayId: { in: [...pathwayIds] } },
      select: appointmentColumns,
      orderBy: [...earliestFirst],
    });
  }

  /** Whether the patient attended an appointment on this pathway before `startsAt` (decides "first appointment"). */
  async attendedOnPathwayBefore(pathwayId: string, startsAt: Date): Promise<boolean> {
    const earlier = await this.db.appointment.findFirst({
      where: { pathwayId, status: 'ATTENDED', startsAt: { lt: startsAt } },
      select: { id: true },
    });
    return earlier !== null;
  }
}
