import { badUserInput, type AuditTrail } from '@epr/platform';
import type { Loaders } from './loaders.js';
import type { AppointmentRecord, AppointmentStore } from './data/appointment-store.js';

const clinicListLimit = 500;

/** The one guarded path to appointments: every read is batched and recorded in the audit trail. */
export class AppointmentAccess {
  constructor(
    private readonly loaders: Loaders,
    private readonly store: AppointmentStore,
    private readonly audit: AuditTrail,
  ) {}

  async byId(id: string): Promise<AppointmentRecord | null> {
    const appointment = await this.loaders.appointmentById.load(id);
    if (appointment) this.audit.record({ action: 'appointment.read', outcome: 'ALLOWED', patientId: appointment.patientId });
    return appointment;
  }

  async clinicList(organisation: string, from: string, to: string): Promise<AppointmentRecord[]> {
    const start = parseInstant(from, 'from');
    const end = parseInstant(to, 'to');
    if (end <= start) throw badUserInput('`to` must be after `from`.', 'to');
    const appointments = await this.store.findForOrganisationBetween(organisation, start, end, clinicListLimit);
    for (const a of appointments) this.audit.record({ action: 'appointment.read', outcome: 'ALLOWED', patientId: a.patientId });
    return appointments;
  }

  async forPatient(patientId: string): Promise<AppointmentRecord[]> {
    const appointments = await this.loaders.appointmentsByPatientId.load(patientId);
    if (appointments.length > 0) this.audit.record({ action: 'appointment.read', outcome: 'ALLOWED', patientId });
    return appointments;
  }
}

function parseInstant(value: string, field: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
    throw badUserInput(`${field} must be an ISO 8601 date-time, e.g. 2026-11-24T09:00:00Z.`, field);
  }
  return date;
}
