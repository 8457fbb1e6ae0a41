import { badUserInput, parseCalendarDate, parseInstant } from '@epr/platform';
import type {
  AddClinicSessionInput,
  AddSessionTemplateInput,
  CreateClinicInput,
  GenerateClinicSessionsInput,
} from '../__generated__/resolvers-types.js';
import { parseClockTime } from './london-time.js';
import { optionalText, requireText, requireWhole } from './input.js';
import type { SlotPattern, WeeklyPattern } from './session-plan.js';
import type { Entry } from './back-entry.js';

export interface NewClinic {
  organisation: string;
  service: string;
  name: string;
  clinicianId: string | null;
  teamCode: string | null;
  location: string;
}

/** A clinic is set up at the organisation the caller works for, and someone must run it. */
export function validateClinic(input: CreateClinicInput, organisation: string): NewClinic {
  const clinicianId = optionalText(input.clinicianId, 'input.clinicianId', 'Clinician id', 100);
  const teamCode = optionalText(input.teamCode, 'input.teamCode', 'Team code', 50);
  if (!clinicianId && !teamCode) {
    throw badUserInput('Say who runs the clinic: give the clinician id, the team code, or both.', 'input.clinicianId');
  }
  return {
    organisation,
    service: requireText(input.service, 'input.service', 'Service', 100),
    name: requireText(input.name, 'input.name', 'Clinic name', 200),
    clinicianId,
    teamCode,
    location: requireText(input.location, 'input.location', 'Location', 200),
  };
}

const minutesPerDay = 24 * 60;

function validateSlotPattern(input: AddSessionTemplateInput | AddClinicSessionInput): SlotPattern {
  return {
    slotMinutes: requireWhole(input.slotMinutes, 'input.slotMinutes', 'Slot length (minutes)', 5, 240),
    slotCount: requireWhole(input.slotCount, 'input.slotCount', 'Number of slots', 1, 100),
    slotCapacity: requireWhole(input.slotCapacity ?? 1, 'input.slotCapacity', 'Slot capacity', 1, 50),
    slotKind: input.slotKind,
  };
}

export function validateSessionTemplate(input: AddSessionTemplateInput): WeeklyPattern {
  const pattern = validateSlotPattern(input);
  const startMinute = parseClockTime(input.startTime);
  if (startMinute === null) throw badUserInput('Start time must be a 24-hour time written HH:MM, e.g. 09:30.', 'input.startTime');
  if (startMinute + pattern.slotMinutes * pattern.slotCount > minutesPerDay) {
    throw badUserInput('The session would run past midnight: start earlier, or use fewer or shorter slots.', 'input.slotCount');
  }
  const validFrom = parseCalendarDate(input.validFrom, 'input.validFrom');
  const validUntil = input.validUntil == null ? null : parseCalendarDate(input.validUntil, 'input.validUntil');
  if (validUntil && validUntil < validFrom) throw badUserInput('validUntil must be on or after validFrom.', 'input.validUntil');
  return {
    ...pattern,
    weekday: requireWhole(input.weekday, 'input.weekday', 'Weekday (1 = Monday … 7 = Sunday)', 1, 7),
    startMinute,
    validFrom,
    validUntil,
  };
}

const maxGenerationDays = 366;

export function validateGenerationPeriod(input: GenerateClinicSessionsInput): { from: Date; to: Date } {
  const from = parseCalendarDate(input.from, 'input.from');
  const to = parseCalendarDate(input.to, 'input.to');
  if (to < from) throw badUserInput('`to` must be on or after `from`.', 'input.to');
  if (to.getTime() - from.getTime() > maxGenerationDays * 86_400_000) {
    throw badUserInput(`Generate at most ${maxGenerationDays} days at a time.`, 'input.to');
  }
  return { from, to };
}

/** An ad hoc session; one that has already started can only be back-entered (its slots then take back-entered bookings). */
export function validateAdHocSession(input: AddClinicSessionInput, now: Date): { startsAt: Date; pattern: SlotPattern; entry: Entry } {
  const startsAt = parseInstant(input.startsAt, 'input.startsAt');
  return { startsAt, pattern: validateSlotPattern(input), entry: startsAt <= now ? 'BACK_ENTERED' : 'LIVE' };
}
