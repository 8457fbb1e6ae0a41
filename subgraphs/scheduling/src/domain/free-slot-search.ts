import { badUserInput, parseInstant } from '@epr/platform';
import type { QueryFreeSlotsArgs } from '../__generated__/resolvers-types.js';
import type { FreeSlotQuery } from '../data/slot-store.js';
import { requireText, requireWhole } from './input.js';

const maxPeriodMs = 366 * 86_400_000;

/** A free-slot search as the store runs it: only slots that have not started, at most 100, at most a year ahead. */
export function freeSlotQuery(args: QueryFreeSlotsArgs, now: Date): FreeSlotQuery {
  const requestedFrom = parseInstant(args.from, 'from');
  const to = parseInstant(args.to, 'to');
  if (to <= requestedFrom) throw badUserInput('`to` must be after `from`.', 'to');
  if (to.getTime() - requestedFrom.getTime() > maxPeriodMs) throw badUserInput('Search at most 366 days at a time.', 'to');
  return {
    service: requireText(args.service, 'service', 'Service', 100),
    organisation: args.organisation?.trim() || null,
    kind: args.kind ?? null,
    from: requestedFrom > now ? requestedFrom : now,
    to,
    limit: requireWhole(args.first ?? 20, 'first', 'first', 1, 100),
  };
}
