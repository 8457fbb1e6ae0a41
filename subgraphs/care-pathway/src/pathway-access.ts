import { badUserInput, type RequestPolicy } from '@epr/platform';
import type { Loaders } from './loaders.js';
import type { PathwayRecord } from './data/pathway-store.js';
import type { RttPeriodRecord } from './data/rtt-period-store.js';
import type { PathwayEventRecord } from './data/pathway-event-store.js';
import { isUuid } from './domain/input-rules.js';
import { decodeCursor, encodeCursor, pageSize } from './domain/page-cursor.js';
import { isCalendarDate } from './domain/rtt/calendar-date.js';

export interface TimelinePage {
  entries: PathwayEventRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const maxTimelinePage = 200;

/**
 * The one guarded path to pathways, their clock periods and timelines: single reads, lists, federation
 * `_entities` and timeline pages are batched, asked of the policy engine (`referrals.read` on the pathway's
 * patient) and recorded in the audit trail. A pathway out of scope is "not found".
 */
export class PathwayAccess {
  constructor(
    private readonly loaders: Loaders,
    private readonly policy: RequestPolicy,
  ) {}

  async byId(id: string): Promise<PathwayRecord | null> {
    if (!isUuid(id)) return null;
    return this.reveal(await this.loaders.pathwayById.load(id.toLowerCase()));
  }

  async forReferral(referralId: string): Promise<PathwayRecord | null> {
    return this.reveal(await this.loaders.pathwayByReferralId.load(referralId));
  }

  async forPatient(patientId: string): Promise<PathwayRecord[]> {
    if (!isUuid(patientId)) return [];
    return this.policy.revealAll('referrals.read', await this.loaders.pathwaysByPatientId.load(patientId), 'pathway.read');
  }

  /** The pathway's clock periods, oldest first (the pathway itself was revealed by the policy). */
  periods(pathway: PathwayRecord): Promise<RttPeriodRecord[]> {
    return this.loaders.periodsByPathwayId.load(pathway.id);
  }

  /** A page of the pathway's timeline in the order events happened. */
  async timeline(pathway: PathwayRecord, first: number, after: string | null | undefined): Promise<TimelinePage> {
    const limit = pageSize(first, maxTimelinePage);
    await this.policy.require('referrals.read', pathway.patientId, 'pathway.timeline.read');
    const rows = await this.loaders.timelinePage.load({
      pathwayId: pathway.id,
      after: after ? timelinePosition(after) : null,
      limit: limit + 1,
    });
    const entries = rows.slice(0, limit);
    const last = entries.at(-1);
    return { entries, endCursor: last ? encodeCursor([last.occurredOn, last.ordinal]) : null, hasNextPage: rows.length > limit };
  }

  private reveal(pathway: PathwayRecord | null): Promise<PathwayRecord | null> {
    return this.policy.reveal('referrals.read', pathway, 'pathway.read');
  }
}

function timelinePosition(cursor: string): { occurredOn: string; ordinal: number } {
  const [occurredOn = '', ordinal = ''] = decodeCursor(cursor, 2, 'after');
  if (!isCalendarDate(occurredOn) || !/^\d+$/.test(ordinal)) throw badUserInput('This cursor was not given out by this timeline.', 'after');
  return { occurredOn, ordinal: Number(ordinal) };
}
