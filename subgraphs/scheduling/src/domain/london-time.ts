import { instantOfEnglishWallClock } from '@epr/platform';

/**
 * The instant at which London's clocks show `minuteOfDay` on calendar day `day` (midnight UTC of that date):
 * clinic templates are written in UK wall-clock time ("Mondays 09:00"), slots are stored as instants.
 */
export function londonWallTime(day: Date, minuteOfDay: number): Date {
  return instantOfEnglishWallClock(day.getTime() + minuteOfDay * 60_000);
}

/** `HH:MM` (24-hour) to minutes after midnight, or null when it is not a time of day. */
export function parseClockTime(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function formatClockTime(minuteOfDay: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

/** ISO weekday of a calendar day given as midnight UTC: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: Date): number {
  return ((day.getUTCDay() + 6) % 7) + 1;
}
