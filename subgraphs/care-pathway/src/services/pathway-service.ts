import { badUserInput, forbidden, oneShownAs, recordOf, shownAs, type MergedPatientRef } from '@epr/platform';
import { writeAction } from '@epr/policy';
import type { PathwayRecord } from '../data/pathway-store.js';
import type { RttPeriodRecord } from '../data/rtt-period-store.js';
import type { PathwayEventRecord } from '../data/pathway-event-store.js';
import type { ClockEventWriter, OutcomeApplied, RecordedOnPathway } from '../data/clock-event-writer.js';
import { isUuid, requireText } from '../domain/input-rules.js';
import { decodeCursor, encodeCursor, pageSize } from '../domain/page-cursor.js';
import { censusDate } from '../domain/report-request.js';
import { calendarDateInEngland, isCalendarDate } from '../domain/rtt/calendar-date.js';
import {
  parseAppointmentOutcome,
  parseRttEventRequest,
  type AppointmentOutcomeRequest,
  type RecordRttEventRequest,
} from '../domain/rtt-event-request.js';
import { positionAt, type RttPosition } from '../domain/rtt/waiting-time.js';
import { asApiError, notFound } from '../errors.js';
import type { ServiceRequest } from './request.js';

/** A clock period as the API shows it: with the patient it belongs to, so its fields can be decided. */
export type PatientPeriod = RttPeriodRecord & { patientId: string };

/** Where a pathway's clock stands on a census date, with its patient. */
export type PatientPosition = RttPosition<PatientPeriod> & { patientId: string };

export interface TimelinePage {
  patientId: string;
  entries: PathwayEventRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const maxTimelinePage = 200;

/**
 * Pathways, their clock periods and timelines: single reads, lists, federation `_entities` and timeline pages
 * are batched, decided by the policy engine (`referrals.read` on the pathway's patient) and recorded. A pathway
 * out of scope is "not found". Clock events (RTT statuses, appointment outcomes) write through the ledger.
 */
export class PathwayService {
  constructor(
    private readonly request: ServiceRequest,
    private readonly clock: ClockEventWriter,
  ) {}

  async byId(id: string): Promise<PathwayRecord | null> {
    if (!isUuid(id)) return null;
    return this.reveal(await this.request.loaders.pathwayById.load(id.toLowerCase()));
  }

  /** The pathway a referral's receipt started, shown as the referral's patient's (through a merged record too). */
  async forReferral(referral: { id: string; patientId: string }): Promise<PathwayRecord | null> {
    return this.reveal(oneShownAs(referral.patientId, await this.request.loaders.pathwayByReferralId.load(referral.id)));
  }

  /** A patient's pathways, those of every duplicate merged into it included (as `ReferralService.forPatient`). */
  async forPatient(patient: MergedPatientRef): Promise<PathwayRecord[]> {
    const { survivorId, patientIds } = recordOf(patient);
    if (!patientIds.every(isUuid)) return [];
    const { policy, loaders } = this.request;
    return policy.revealAll('referrals.read', shownAs(survivorId, await loaders.pathwaysByRecord.load(patientIds)), 'pathway.read');
  }

  /** The pathway's clock periods, oldest first (the pathway itself was revealed by the policy). */
  async periods(pathway: PathwayRecord): Promise<PatientPeriod[]> {
    const periods = await this.request.loaders.periodsByPathwayId.load(pathway.id);
    return periods.map((period) => ({ ...period, patientId: pathway.patientId }));
  }

  /** The clock period running now (receipt writes the first one with the pathway, so there is always one). */
  async currentPeriod(pathway: PathwayRecord): Promise<PatientPeriod> {
    const period = (await this.periods(pathway)).at(-1);
    if (!period) throw new Error(`pathway ${pathway.id} has no clock period`);
    return period;
  }

  /** Where the clock stands at the census date (today in England when none is given). */
  async position(pathway: PathwayRecord, census: string | null | undefined): Promise<PatientPosition> {
    const at = censusDate(census, calendarDateInEngland(this.request.now()));
    const periods = await this.periods(pathway);
    try {
      return { ...positionAt(periods, at), patientId: pathway.patientId };
    } catch (error) {
      throw asApiError(error, { censusDate: 'censusDate' });
    }
  }

  /** A page of the pathway's timeline in the order events happened. */
  async timeline(pathway: PathwayRecord, first: number, after: string | null | undefined): Promise<TimelinePage> {
    const limit = pageSize(first, maxTimelinePage);
    const { policy, loaders } = this.request;
    await policy.require('referrals.read', pathway.patientId, 'pathway.timeline.read');
    const rows = await loaders.timelinePage.load({
      pathwayId: pathway.id,
      after: after ? timelinePosition(after) : null,
      limit: limit + 1,
    });
    // Shown as the pathway's patient, as the pathway is (a merged duplicate's pathway read through the survivor).
    const entries = shownAs(pathway.patientId, rows.slice(0, limit));
    const last = entries.at(-1);
    return {
      patientId: pathway.patientId,
      entries,
      endCursor: last ? encodeCursor([last.occurredOn, last.ordinal]) : null,
      hasNextPage: rows.length > limit,
    };
  }

  /**
   * A clinician's RTT status (or admission without treatment) for the pathway; the rules of the clock decide
   * whether it is accepted. One dated before events already recorded is folded in where it belongs and logged
   * as back-entered.
   */
  async recordRttEvent(input: RecordRttEventRequest & { pathwayId: string }): Promise<PathwayRecord> {
    const { caller, writes, now, forgetReads } = this.request;
    const recording = parseRttEventRequest(input, calendarDateInEngland(now()));
    const pathway = await this.byId(input.pathwayId);
    if (!pathway) throw notFound('No pathway has this id.', 'input.pathwayId');
    // The provider's own record of its clock: a discharge recorded here also ends its teams' relationships.
    if (pathway.organisation !== caller.organisationOds) {
      throw forbidden(`Only ${pathway.organisation}, the provider on this pathway, records its RTT events.`);
    }
    const written = writes.for((done: RecordedOnPathway | null) =>
      done
        ? [
            {
              action: writeAction('pathway.rtt-event', done.backEntered),
              outcome: 'ALLOWED',
              patientId: pathway.patientId,
              items: [`Pathway:${pathway.id}`],
            },
          ]
        : [],
    );
    const recorded = await this.clock.recordClinicalEvent(pathway.id, recording, caller.userId, written).catch((error: unknown) => {
      throw asApiError(error);
    });
    if (!recorded) throw notFound('No pathway has this id.', 'input.pathwayId');
    forgetReads();
    return (await this.byId(pathway.id)) ?? pathway;
  }

  /**
   * An appointment outcome delivered by scheduling's relay (in its own name, at most once per event id). The
   * pathway is addressed directly: the relay acts for the care process, not for a person.
   */
  async recordAppointmentOutcome(
    input: AppointmentOutcomeRequest & { eventId: string; pathwayId: string; appointmentId: string },
  ): Promise<{ eventId: string; applied: boolean }> {
    const { caller, writes, now } = this.request;
    const eventId = requireText(input.eventId, 'input.eventId', 'The event id', 200);
    if (!isUuid(input.appointmentId)) throw badUserInput('appointmentId must be a scheduling appointment id.', 'input.appointmentId');
    if (!isUuid(input.pathwayId)) throw notFound('No pathway has this id.', 'input.pathwayId');
    const outcome = parseAppointmentOutcome(input, now());
    try {
      const result = await this.clock.recordAppointmentOutcome(
        { ...outcome, eventId, pathwayId: input.pathwayId.toLowerCase(), appointmentId: input.appointmentId.toLowerCase() },
        caller.userId,
        writes.for((delivered: OutcomeApplied) =>
          delivered?.applied
            ? [
                {
                  action: writeAction('pathway.appointment-outcome', delivered.backEntered),
                  outcome: 'ALLOWED',
                  patientId: delivered.patientId,
                  items: [`Pathway:${input.pathwayId}`],
                },
              ]
            : [],
        ),
      );
      if (!result) throw notFound('No pathway has this id.', 'input.pathwayId');
      return { eventId, applied: result.applied };
    } catch (error) {
      throw asApiError(error, { occurredOn: 'input.occurredAt', outcome: 'input.outcome', rttStatus: 'input.outcome' });
    }
  }

  private reveal(pathway: PathwayRecord | null): Promise<PathwayRecord | null> {
    return this.request.policy.reveal('referrals.read', pathway, 'pathway.read');
  }
}

function timelinePosition(cursor: string): { occurredOn: string; ordinal: number } {
  const [occurredOn = '', ordinal = ''] = decodeCursor(cursor, 2, 'after');
  if (!isCalendarDate(occurredOn) || !/^\d+$/.test(ordinal)) throw badUserInput('This cursor was not given out by this timeline.', 'after');
  return { occurredOn, ordinal: Number(ordinal) };
}
