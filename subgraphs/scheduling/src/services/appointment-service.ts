import { badUserInput, oneShownAs, recordOf, shownAs, type MergedPatientRef, type RequestPolicy } from '@epr/platform';
import type { Loaders } from '../data/loaders.js';
import type { AppointmentRecord, AppointmentStore } from '../data/appointment-store.js';
import { parseInstant } from '../domain/input.js';

const clinicListLimit = 500;

/** Why an appointment was cancelled, with the patient it belongs to (so its fields can be decided). */
export interface CancellationView {
  patientId: string;
  by: 'PATIENT' | 'HOSPITAL';
  reason: string;
  at: string;
}
const action = 'appointment.read';

/**
 * Appointments (patient data): single reads, clinic lists, a patient's or a pathway's appointments and federation
 * `_entities` come through here, batched; the policy engine decides for each appointment's patient
 * (`appointments.read`: a patient in the portal sees only their own) and every decision is recorded in the audit
 * trail. An appointment out of scope is "not found".
 */
export class AppointmentService {
  constructor(
    private readonly loaders: Loaders,
    private readonly store: AppointmentStore,
    private readonly policy: RequestPolicy,
    private readonly now: () => Date,
  ) {}

  async byId(id: string): Promise<AppointmentRecord | null> {
    return this.policy.reveal('appointments.read', await this.loaders.appointmentById.load(id), action);
  }

  async clinicList(organisation: string, from: string, to: string): Promise<AppointmentRecord[]> {
    const start = parseInstant(from, 'from');
    const end = parseInstant(to, 'to');
    if (end <= start) throw badUserInput('`to` must be after `from`.', 'to');
    return this.reveal(await this.store.findForOrganisationBetween(organisation, start, end, clinicListLimit));
  }

  /**
   * A patient's appointments, those of every duplicate merged into it included (one statement for all of them),
   * decided for the patient being read — the survivor — and shown as its own.
   */
  async forPatient(patient: MergedPatientRef): Promise<AppointmentRecord[]> {
    const { survivorId, patientIds } = recordOf(patient);
    return this.reveal(shownAs(survivorId, await this.loaders.appointmentsByRecord.load(patientIds)));
  }

  /** The appointment that replaced this one, shown as the same patient's (through a merged record too). */
  async rescheduledTo(appointment: AppointmentRecord): Promise<AppointmentRecord | null> {
    if (!appointment.rescheduledToId) return null;
    const replacement = await this.loaders.appointmentById.load(appointment.rescheduledToId);
    return this.policy.reveal('appointments.read', oneShownAs(appointment.patientId, replacement), action);
  }

  /** A pathway's appointments, for its timeline. */
  async forPathway(pathwayId: string): Promise<AppointmentRecord[]> {
    return this.reveal(await this.loaders.appointmentsByPathwayId.load(pathwayId));
  }

  /** The pathway's next booked appointment still to come (for patient tracking lists). */
  async nextForPathway(pathwayId: string): Promise<AppointmentRecord | null> {
    const all = await this.loaders.appointmentsByPathwayId.load(pathwayId);
    const now = this.now();
    return this.policy.reveal('appointments.read', all.find((a) => a.status === 'BOOKED' && a.startsAt > now) ?? null, action);
  }

  private reveal(appointments: AppointmentRecord[]): Promise<AppointmentRecord[]> {
    return this.policy.revealAll('appointments.read', appointments, action);
  }
}
