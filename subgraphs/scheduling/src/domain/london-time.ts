/**
 * Clinic templates are written in UK wall-clock time ("Mondays 09:00"), which is GMT in winter and BST in
 * summer; slots are stored as instants. These convert between the two with the platform's time-zone data.
 */
const zone = 'Europe/London';
const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far London's wall clock is ahead of UTC at `instant` (0 in winter, one hour in summer). */
function londonOffsetMs(instant: number): number {
  const part = Object.fromEntries(wallClock.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const wallAsUtc = Date.UTC(part.year!, part.month! - 1, part.day, part.hour, part.minute, part.second);
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which London's clocks show `minuteOfDay` on calendar day `day` (midnight UTC of that date).
 * A wall time skipped when the clocks go forward lands one hour later, as a clock on the wall would.
 */
export function londonWallTime(day: Date, minuteOfDay: number): Date {
  const wall = day.getTime() + minuteOfDay * 60_000;
  const guess = wall - londonOffsetMs(wall);
  return new Date(wall - londonOffsetMs(guess));
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
