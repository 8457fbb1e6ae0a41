import { badUserInput } from '@epr/platform';
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

export const MAX_PAGE = 200;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseEventQuery(filter: EventFilterInput | null | undefined, first: number, after: string | null | undefined): EventQuery {
  const query: EventQuery = { limit: pageSize(first, 'first') };
  if (filter?.patientId) {
    if (!uuid.test(filter.patientId)) throw badUserInput('filter.patientId must be a patient id (a UUID).', 'filter.patientId');
    query.patientId = filter.patientId.toLowerCase();
  }
  if (filter?.userId) query.userId = filter.userId;
  if (filter?.from) query.from = instant(filter.from, 'filter.from');
  if (filter?.to) query.to = instant(filter.to, 'filter.to');
  if (query.from && query.to && query.to <= query.from) throw badUserInput('filter.to must be after filter.from.', 'filter.to');
  if (filter?.outcome) query.outcome = filter.outcome;
  if (filter?.requestId) query.requestId = filter.requestId;
  if (filter?.correlationId) query.correlationId = filter.correlationId;
  if (after) query.before = parseEventCursor(after, 'after');
  return query;
}

export function pageSize(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) throw badUserInput(`${field} must be between 1 and ${MAX_PAGE}.`, field);
  return value;
}

function instant(value: string, field: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
    throw badUserInput(`${field} must be an ISO 8601 date-time, e.g. 2026-11-24T09:00:00Z.`, field);
  }
  return date;
}
