import {
  badUserInput,
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  type AccessRecord,
  type AuditedWrites,
  type Retryable,
  type Transaction,
} from '@epr/platform';
import type { Caller } from '@epr/identity';
import type { AuditAction } from '@epr/policy';
import type { ClinicCatalogue } from './clinic-catalogue.js';
import type { ClinicRecord, ClinicStore, SessionTemplateRecord } from '../data/clinic-store.js';
import { sessionKey, type SlotRecord, type SlotStore, type WrittenSessions } from '../data/slot-store.js';
import type { TransactionOptions, Tx } from '../data/booking-store.js';
import type { ClinicDirectory } from '../data/clinic-directory.js';
import type {
  AddClinicSessionInput,
  AddSessionTemplateInput,
  CreateClinicInput,
  GenerateClinicSessionsInput,
} from '../__generated__/resolvers-types.js';
import {
  validateAdHocSession,
  validateClinic,
  validateGenerationPeriod,
  validateSessionTemplate,
  type NewClinic,
} from '../domain/clinic-setup.js';
import { planSession, planWeeklySessions } from '../domain/session-plan.js';
import { requireBackEntry } from '../domain/back-entry.js';

const dayMs = 86_400_000;

export interface ClinicAdministrationDeps {
  caller: Caller;
  catalogue: ClinicCatalogue;
  clinics: ClinicStore;
  slots: SlotStore;
  /** Who may run a clinic: its clinician and its team are checked against the directory. */
  directory: ClinicDirectory;
  /** Transactions for writes, each committing with its security-log row. */
  writes: AuditedWrites<Tx, TransactionOptions>;
  now: () => Date;
  /** Whether the caller's role may back-enter (`appointments.back_enter`): past sessions are for back-entry. */
  mayBackEnter: () => boolean;
}

/**
 * Setting up clinics, their weekly templates and their sessions, at the caller's own organisation. Each write commits
 * with its security-log row (no patient: set-up touches no record, but who runs a clinic decides who its bookings
 * relate to the patient).
 */
export class ClinicAdministration {
  constructor(private readonly deps: ClinicAdministrationDeps) {}

  async createClinic(input: CreateClinicInput): Promise<ClinicRecord> {
    const clinic = validateClinic(input, this.deps.caller.organisationOds);
    await this.checkWhoRunsIt(clinic);
    return this.deps.clinics.create(
      clinic,
      this.recorded('clinic.create', (created) => [`Clinic:${created.id}`], {
        idOf: (created) => created.id,
        reload: async (id) => (await this.deps.clinics.findByIds([id]))[0] ?? null,
      }),
    );
  }

  async addSessionTemplate(input: AddSessionTemplateInput): Promise<SessionTemplateRecord> {
    const clinic = await this.ownClinic(input.clinicId);
    return this.deps.clinics.addTemplate(
      clinic.id,
      validateSessionTemplate(input),
      this.recorded('clinic.template.add', (template) => [`Clinic:${clinic.id}`, `SessionTemplate:${template.id}`]),
    );
  }

  /** Sessions already generated for a template and date are kept as they are, so generating again is safe. */
  async generateSessions(input: GenerateClinicSessionsInput): Promise<{ sessionsCreated: number; slotsCreated: number }> {
    const clinic = await this.ownClinic(input.clinicId);
    const { from, to } = validateGenerationPeriod(input);
    const templates = await this.deps.catalogue.templatesOf(clinic.id);
    const now = this.deps.now();
    const planned = templates.flatMap((template) =>
      planWeeklySessions(template, from, to)
        .filter((plan) => plan.startsAt > now)
        .map((plan) => ({ templateId: template.id, plan })),
    );
    // London is at most a day away from the UTC dates bounding the period.
    const existing = await this.deps.slots.existingTemplateSessionStarts(
      templates.map((t) => t.id),
      new Date(from.getTime() - dayMs),
      new Date(to.getTime() + 2 * dayMs),
    );
    const missing = planned.filter(({ templateId, plan }) => !existing.has(sessionKey(templateId, plan.startsAt)));
    // Nothing left to generate writes nothing, and so records nothing.
    // Logged by template: a year of sessions would be hundreds of items.
    const templateIds = [...new Set(missing.map(({ templateId }) => `SessionTemplate:${templateId}`))];
    const slots = await this.writeSessions(clinic, missing, 'clinic.sessions.generate', () => templateIds);
    return { sessionsCreated: missing.length, slotsCreated: slots.length };
  }

  async addSession(input: AddClinicSessionInput): Promise<SlotRecord[]> {
    const clinic = await this.ownClinic(input.clinicId);
    const { startsAt, pattern, entry } = validateAdHocSession(input, this.deps.now());
    if (entry === 'BACK_ENTERED') requireBackEntry(this.deps.mayBackEnter(), 'Adding a session that has already started');
    return this.writeSessions(
      clinic,
      [{ templateId: null, plan: planSession(startsAt, pattern) }],
      'clinic.session.add',
      ({ sessionIds }) => sessionIds.map((id) => `ClinicSession:${id}`),
    );
  }

  /**
   * A clinic's clinician must hold an active clinician role profile at the clinic's organisation, and its team must be
   * a team of that organisation: every booking into the clinic gives them a relationship with the patient. Asked of
   * the directory before anything is written.
   */
  private async checkWhoRunsIt(clinic: NewClinic): Promise<void> {
    const { directory, caller } = this.deps;
    if (clinic.clinicianId && !(await directory.isClinicianAt(clinic.organisation, clinic.clinicianId, caller.requestId))) {
      throw badUserInput(
        `${clinic.clinicianId} does not hold an active clinical role at ${clinic.organisation}, so cannot run this clinic. ` +
          'Give the user id of a clinician of your organisation, or the code of the team that runs the clinic.',
        'input.clinicianId',
      );
    }
    if (clinic.teamCode && !(await directory.teamOf(clinic.organisation, clinic.teamCode, caller.requestId))) {
      throw badUserInput(
        `${clinic.organisation} has no care team with code ${clinic.teamCode}. Give the code of one of your organisation’s teams.`,
        'input.teamCode',
      );
    }
  }

  private async writeSessions(
    clinic: ClinicRecord,
    sessions: Parameters<SlotStore['createSessions']>[1],
    action: AuditAction,
    items: (written: WrittenSessions) => string[],
  ): Promise<SlotRecord[]> {
    if (sessions.length === 0) return [];
    try {
      const written = await this.deps.slots.createSessions(
        clinic,
        sessions,
        this.recorded<WrittenSessions>(action, (written) => [`Clinic:${clinic.id}`, ...items(written)]),
      );
      return written.slots;
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('These sessions were generated by someone else a moment ago; generate again to see what is left.', 'input.clinicId');
      throw error;
    }
  }

  private async ownClinic(clinicId: string): Promise<ClinicRecord> {
    const clinic = await this.deps.catalogue.clinic(clinicId);
    if (!clinic) throw notFound('No clinic with this id exists.', 'input.clinicId');
    if (clinic.organisation !== this.deps.caller.organisationOds) {
      throw forbidden(
        `This clinic is run by ${clinic.organisation}; you are working for ${this.deps.caller.organisationOds} and can only change your own organisation's clinics.`,
      );
    }
    return clinic;
  }

  /** The transaction of one set-up write, carrying its security-log row: no patient, the clinic and what was added. */
  private recorded<T>(
    action: AuditAction,
    items: (result: T) => string[],
    retryable?: Retryable<T>,
  ): Transaction<Tx, T, TransactionOptions> {
    return this.deps.writes.for(
      (result: T): AccessRecord[] => [{ action, outcome: 'ALLOWED', patientId: null, items: items(result) }],
      retryable,
    );
  }
}
