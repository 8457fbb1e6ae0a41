import { badUserInput, isUuid, pageSize, parseInstant } from '@epr/platform';
import { parseEventCursor, type EventPosition } from './cursor.js';

export type AccessOutcome = 'ALLOWED' | 'DENIED';

/** The filter as the API takes it. */
export interface EventFilterInput {
  patientId?: string | null;
  userId?: string | null;
  from?: string | null;
  to?: string | null;
  outcome?: AccessOutcome | null;
  requestId?: string | null;
  correlationId?: string | null;
}

/** A checked search of the security log: every condition given must hold; most recent first. */
export interface EventQuery {
  patientId?: string;
  userId?: string;
  from?: Date;
  to?: Date;
  outcome?: AccessOutcome;
  requestId?: string;
  correlationId?: string;
  before?: EventPosition;
  limit: number;
}

/** The most events, alerts or accesses one page of the security log holds. */
export const maxLogPage = 200;

export function parseEventQuery(filter: EventFilterInput | null | undefined, first: number, after: string | null | undefined): EventQuery {
  const query: EventQuery = { limit: pageSize(first, maxLogPage) };
  if (filter?.patientId) {
    if (!isUuid(filter.patientId)) throw badUserInput('filter.patientId must be a patient id (a UUID).', 'filter.patientId');
    query.patientId = filter.patientId.toLowerCase();
  }
  if (filter?.userId) query.userId = filter.userId;
  if (filter?.from) query.from = parseInstant(filter.from, 'filter.from');
  if (filter?.to) query.to = parseInstant(filter.to, 'filter.to');
  if (query.from && query.to && query.to <= query.from) throw badUserInput('filter.to must be after filter.from.', 'filter.to');
  if (filter?.outcome) query.outcome = filter.outcome;
  if (filter?.requestId) query.requestId = filter.requestId;
  if (filter?.correlationId) query.correlationId = filter.correlationId;
  if (after) query.before = parseEventCursor(after, 'after');
  return query;
}
