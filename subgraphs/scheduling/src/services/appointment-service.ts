import {
  badUserInput,
  connectionOf,
  decodeCursor,
  encodeCursor,
  invalidCursor,
  isUuid,
  oneShownAs,
  pageOf,
  pageSize,
  parseInstant,
  recordOf,
  shownAs,
  type Connection,
  type MergedPatientRef,
  type RequestPolicy,
} from '@epr/platform';
import type { Loaders } from '../data/loaders.js';
import type { AppointmentRecord, AppointmentStore, ClinicListPosition } from '../data/appointment-store.js';

/** The most appointments one page of a clinic list holds (the SDL says so to clients). */
const maxClinicListPage = 500;

/** What a clinic list asks for: the organisation, the period, and which page. */
export interface ClinicListRequest {
  organisation: string;
  from: string;
  to: string;
  first?: number | null;
  after?: string | null;
}

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

  /**
   * One page of a clinic list. The page is cut from the organisation's appointments before the policy decides
   * on each; those the caller may not see are left out of it, so a page can hold fewer than `first`. A cursor
   * only ever points at an appointment the caller sees, so a page with none of theirs is not handed out: the
   * next one is read instead, until one has some or the list ends.
   */
  async clinicList(request: ClinicListRequest): Promise<Connection<{ node: AppointmentRecord }>> {
    const start = parseInstant(request.from, 'from');
    const end = parseInstant(request.to, 'to');
    if (end <= start) throw badUserInput('`to` must be after `from`.', 'to');
    const size = pageSize(request.first, maxClinicListPage);
    let after = request.after ? clinicListPosition(request.after) : null;
    for (;;) {
      const page = pageOf(await this.store.findForOrganisationBetween(request.organisation, start, end, after, size + 1), size);
      const items = await this.reveal(page.items);
      if (items.length > 0 || !page.hasNextPage) {
        return connectionOf({ items, hasNextPage: page.hasNextPage }, clinicListCursor, (node) => ({ node }));
      }
      after = page.items.at(-1)!;
    }
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

const clinicListCursor = (appointment: AppointmentRecord) => encodeCursor([appointment.startsAt.toISOString(), appointment.id]);

function clinicListPosition(cursor: string): ClinicListPosition {
  const [startsAt = '', id = ''] = decodeCursor(cursor, 2, 'after');
  const position = { startsAt: new Date(startsAt), id };
  if (Number.isNaN(position.startsAt.getTime()) || !isUuid(id)) throw invalidCursor('after');
  return position;
}
