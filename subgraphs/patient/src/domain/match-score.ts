import { earliestBirthYear } from './demographics.js';

/**
 * How a patient's likeness to search criteria (or to a newly registered patient) is scored, from 0 to 1. Each
 * criterion given scores 0..1 and counts with its weight; the score is the weighted mean over the criteria given,
 * so a search by family name alone can still reach 1.
 */
export const criterionWeight = { familyName: 0.35, givenName: 0.25, birthDate: 0.25, postcode: 0.15 } as const;

export type Criterion = keyof typeof criterionWeight;

/**
 * Likeness of one name word to a query word: 1 when equal; otherwise the best of its trigram similarity
 * (pg_trgm: typos), `phonetic` when both sound alike (Double Metaphone: Jon/John, Smyth/Smith) and, for given
 * names only, `prefix` when the query starts it (Jon/Jonathan, or an initial).
 */
export const wordLikeness = { phonetic: 0.8, prefix: 0.7 } as const;

/** "Smith" matches "Smith-Jones", but less well than "Smith" itself. */
export const extraFamilyWordFactor = 0.9;

/** A birth date with one of day, month or year different (or day and month swapped); a postcode in the same outward code. */
export const nearMissLikeness = 0.5;

/** How many dictionary words each query word may match, best first; keeps a very common sound from flooding the search. */
export const maxWordMatches = 25;

/** From this score up, a newly registered or updated patient and an existing one are reported as likely duplicates. */
export const duplicateThreshold = 0.8;

/** The weight of the criteria given: what the weighted points are divided by. */
export function weightOf(criteria: readonly Criterion[]): number {
  return criteria.reduce((sum, criterion) => sum + criterionWeight[criterion], 0);
}

/**
 * The birth dates that nearly match `date`: the same date but for one of day, month or year, or with day and month
 * swapped (how dates get mistyped), up to `today`. Search scores them `nearMissLikeness`, and with a family name
 * they are what lets a patient through; about two hundred dates, each an index look-up.
 */
export function nearMissBirthDates(date: Date, today: Date): Date[] {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const candidates: [number, number, number][] = [[year, day, month]];
  for (let y = earliestBirthYear; y <= today.getUTCFullYear(); y += 1) candidates.push([y, month, day]);
  for (let m = 1; m <= 12; m += 1) candidates.push([year, m, day]);
  for (let d = 1; d <= 31; d += 1) candidates.push([year, month, d]);
  const near = new Map<number, Date>();
  for (const [y, m, d] of candidates) {
    const candidate = new Date(Date.UTC(y, m - 1, d));
    const real = candidate.getUTCMonth() === m - 1 && candidate.getUTCDate() === d;
    if (real && candidate.getTime() !== date.getTime() && candidate <= today) near.set(candidate.getTime(), candidate);
  }
  return [...near.values()].sort((a, b) => a.getTime() - b.getTime());
}
