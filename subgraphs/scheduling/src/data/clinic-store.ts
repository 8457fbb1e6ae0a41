import type { Transaction } from '@epr/platform';
import type { Db } from './prisma.js';
import type { Tx } from './booking-store.js';
import type { SlotKind } from '../__generated__/prisma/client.js';
import type { NewClinic } from '../domain/clinic-setup.js';
import type { WeeklyPattern } from '../domain/session-plan.js';

export interface ClinicRecord extends NewClinic {
  id: string;
}

export interface SessionTemplateRecord extends WeeklyPattern {
  id: string;
  clinicId: string;
  slotKind: SlotKind;
}

const clinicColumns = {
  id: true,
  organisation: true,
  service: true,
  name: true,
  clinicianId: true,
  teamCode: true,
  location: true,
} as const;
const templateColumns = {
  id: true,
  clinicId: true,
  weekday: true,
  startMinute: true,
  slotMinutes: true,
  slotCount: true,
  slotCapacity: true,
  slotKind: true,
  validFrom: true,
  validUntil: true,
} as const;

/** Clinics and their session templates. Batch reads cost one SQL statement. */
export class ClinicStore {
  constructor(private readonly db: Db) {}

  findByIds(ids: readonly string[]): Promise<ClinicRecord[]> {
    return this.db.clinic.findMany({ where: { id: { in: [...ids] } }, select: clinicColumns });
  }

  findForOrganisation(organisation: string, service: string | null): Promise<ClinicRecord[]> {
    return this.db.clinic.findMany({
      where: { organisation, ...(service ? { service } : {}) },
      select: clinicColumns,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
  }

  /** Writes the clinic in the transaction it is given (which carries the write's security-log row). */
  create(clinic: NewClinic, transaction: Transaction<Tx, ClinicRecord>): Promise<ClinicRecord> {
    return transaction((tx) => tx.clinic.create({ data: clinic, select: clinicColumns }));
  }

  findTemplatesByClinicIds(clinicIds: readonly string[]): Promise<SessionTemplateRecord[]> {
    return this.db.sessionTemplate.findMany({
      where: { clinicId: { in: [...clinicIds] } },
      select: templateColumns,
      orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }, { id: 'asc' }],
    });
  }

  /** Writes the template in the transaction it is given (which carries the write's security-log row). */
  addTemplate(
    clinicId: string,
    pattern: WeeklyPattern,
    transaction: Transaction<Tx, SessionTemplateRecord>,
  ): Promise<SessionTemplateRecord> {
    return transaction((tx) => tx.sessionTemplate.create({ data: { clinicId, ...pattern }, select: templateColumns }));
  }
}
