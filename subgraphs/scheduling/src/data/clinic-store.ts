import type { Db } from './prisma.js';
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

  create(clinic: NewClinic): Promise<ClinicRecord> {
    return this.db.clinic.create({ data: clinic, select: clinicColumns });
  }

  findTemplatesByClinicIds(clinicIds: readonly string[]): Promise<SessionTemplateRecord[]> {
    return this.db.sessionTemplate.findMany({
      where: { clinicId: { in: [...clinicIds] } },
      select: templateColumns,
      orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }, { id: 'asc' }],
    });
  }

  addTemplate(clinicId: string, pattern: WeeklyPattern): Promise<SessionTemplateRecord> {
    return this.db.sessionTemplate.create({ data: { clinicId, ...pattern }, select: templateColumns });
  }
}
