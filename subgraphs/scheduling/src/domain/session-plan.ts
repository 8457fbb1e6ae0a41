import { isoWeekday, londonWallTime } from './london-time.js';

export type SlotKind = 'NEW' | 'FOLLOW_UP';

/** How a session is cut into slots. */
export interface SlotPattern {
  slotMinutes: number;
  slotCount: number;
  slotCapacity: number;
  slotKind: SlotKind;
}

/** A weekly pattern: a session every `weekday` at `startMinute` (London wall clock) between two dates. */
export interface WeeklyPattern extends SlotPattern {
  weekday: number;
  startMinute: number;
  validFrom: Date;
  validUntil: Date | null;
}

export interface PlannedSlot {
  startsAt: Date;
  minutes: number;
  capacity: number;
  kind: SlotKind;
}

export interface PlannedSession {
  startsAt: Date;
  endsAt: Date;
  slots: PlannedSlot[];
}

const dayMs = 86_400_000;

/** One session starting at `startsAt`: consecutive slots, back to back. */
export function planSession(startsAt: Date, pattern: SlotPattern): PlannedSession {
  const slotMs = pattern.slotMinutes * 60_000;
  const slots = Array.from({ length: pattern.slotCount }, (_, i) => ({
    startsAt: new Date(startsAt.getTime() + i * slotMs),
    minutes: pattern.slotMinutes,
    capacity: pattern.slotCapacity,
    kind: pattern.slotKind,
  }));
  return { startsAt, endsAt: new Date(startsAt.getTime() + pattern.slotCount * slotMs), slots };
}

/** The sessions a weekly pattern gives on the days `from` to `to` (inclusive, midnight UTC dates). */
export function planWeeklySessions(pattern: WeeklyPattern, from: Date, to: Date): PlannedSession[] {
  const first = Math.max(from.getTime(), pattern.validFrom.getTime());
  const last = Math.min(to.getTime(), pattern.validUntil?.getTime() ?? Infinity);
  const sessions: PlannedSession[] = [];
  for (let day = first; day <= last; day += dayMs) {
    const date = new Date(day);
    if (isoWeekday(date) === pattern.weekday) sessions.push(planSession(londonWallTime(date, pattern.startMinute), pattern));
  }
  return sessions;
}
