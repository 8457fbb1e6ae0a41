import type { Db } from './prisma.js';
import type { AppointmentStatus } from '../__generated__/prisma/client.js';

export interface AppointmentRecord {
  id: string;
  patientId: string;
  organisation: string;
  clinicName: string;
  startsAt: Date;
  status: AppointmentStatus;
}

const columns = { id: true, patientId: true, organisation: true, clinicName: true, startsAt: true, status: true } as const;

/** Appointment reads; each takes a batch of keys and costs one SQL statement. */
export class AppointmentStore {
  constructor(private readonly db: Db) {}

  findByIds(ids: readonly string[]): Promise<AppointmentRecord[]> {
    return this.db.appointment.findMany({ where: { id: { in: [...ids] } }, select: columns });
  }

  /** A clinic list; served by the (organisation, starts_at) index. */
  findForOrganisationBetween(organisation: string, from: Date, to: Date, limit: number): Promise<AppointmentRecord[]> {
    return this.db.appointment.findMany({
      where: { organisation, startsAt: { gte: from, lt: to } },
      select: columns,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
  }

  findByPatientIds(patientIds: readonly string[]): Promise<AppointmentRecord[]> {
    return this.db.appointment.findMany({
      where: { patientId: { in: [...patientIds] } },
      select: columns,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
  }
}
