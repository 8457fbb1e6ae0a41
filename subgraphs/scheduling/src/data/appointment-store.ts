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

/** Appointment reads; each takes a batch of keys and costs one SQL statement. */
export class AppointmentStore {
  constructor(private readonly db: Db) {}

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
    return this.db.appointment.findMany({
      where: { patientId: { in: [...patientIds] } },
      select: appointmentColumns,
      orderBy: [...earliestFirst],
    });
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
