import { toIsoDate } from '@epr/platform';
import type { DemographicCriteria } from '../../domain/search-criteria.js';
import { outwardCode } from '../../domain/postcode.js';
import { criterionWeight, nearMissBirthDates, nearMissLikeness, weightOf, type Criterion } from '../../domain/match-score.js';
import type { PatientRecord } from '../patient-store.js';
import type { Db, Tx } from '../prisma.js';
import { familyNameSearchSql } from './family-name-search.js';
import { Prisma } from '../../__generated__/prisma/client.js';
import { constant, exclusions, familyLikeness, givenLikeness, pageOf, querySize, wordMatches, type SearchWindow } from './search-sql.js';

export type { SearchWindow } from './search-sql.js';

export interface ScoredPatient {
  patient: PatientRecord;
  score: number;
}

/** Runs the search in `client` (a transaction too, for duplicate detection while registering). */
export async function searchPatients(client: Db | Tx, criteria: DemographicCriteria, window: SearchWindow): Promise<ScoredPatient[]> {
  const rows = await client.$queryRaw<(PatientRecord & { score: number })[]>(patientSearchSql(criteria, window));
  return rows.map(({ score, ...patient }) => ({ patient, score }));
}

/**
 * Ranked demographic search over the master patient index, as one SQL statement. A family name alone has its
 * own plan (family-name-search.ts); otherwise:
 *
 * 1. Each word of the family (and given) name is matched against `name_token`, the dictionary of distinct name
 *    words, by trigram similarity (typos), Double Metaphone (sound-alikes) and, for given names, prefix — a fuzzy
 *    scan over tens of thousands of words, not over the patients.
 * 2. Patients (and previous names) holding one of the matched family words are found through the GIN index on
 *    `family_tokens`, narrowed by the given name (GIN on `given_tokens`) or the birth date and its near misses
 *    (btree); without a family name, the birth date or postcode index finds them.
 * 3. Names are scored once per distinct name, each candidate gets its weighted score (domain/match-score.ts), the
 *    page is cut by keyset on (score, id) over those narrow rows, and only the page's patients are read in full.
 *
 * The bench (tools/src/bench/patient-search.ts) runs this same SQL under EXPLAIN.
 */
export function patientSearchSql(criteria: DemographicCriteria, window: SearchWindow, today: Date = new Date()): Prisma.Sql {
  if (criteria.familyName && !criteria.givenName && !criteria.birthDate && !criteria.postcode) {
    return familyNameSearchSql(criteria.familyName, window);
  }
  const present: Criterion[] = (Object.keys(criterionWeight) as Criterion[]).filter((criterion) => criteria[criterion] !== null);
  const family = criteria.familyName ? Prisma.sql`${criteria.familyName}::text` : null;
  const givenName = criteria.givenName ? Prisma.sql`${criteria.givenName}::text` : null;
  const birthDate = criteria.birthDate ? Prisma.sql`${toIsoDate(criteria.birthDate)}::date` : null;
  const nearBirthDates = criteria.birthDate ? Prisma.sql`${nearMissBirthDates(criteria.birthDate, today).map(toIsoDate)}::date[]` : null;
  const postcode = criteria.postcode ? Prisma.sql`${criteria.postcode}::text` : null;

  const ctes: Prisma.Sql[] = [];
  if (family) ctes.push(wordMatches('family_matches', family, false));
  if (givenName) ctes.push(wordMatches('given_matches', givenName, true));
  ctes.push(querySize(family, givenName));
  const birthDateOrNearly = birthDate && Prisma.sql`(p.birth_date = ${birthDate} OR p.birth_date = ANY(${nearBirthDates}))`;
  ctes.push(
    Prisma.sql`candidate_names AS (${candidates({ family, givenName, birthDate, birthDateOrNearly, postcode }, exclusions(window))})`,
  );
  if (family) ctes.push(nameLikeness('family_likeness', 'name_family', familyLikeness(Prisma.sql`n.name_family`)));
  if (givenName) ctes.push(nameLikeness('given_likeness', 'name_given', givenLikeness(Prisma.sql`n.name_given`)));

  const points = [
    family && Prisma.sql`${constant(criterionWeight.familyName)} * fl.likeness`,
    givenName && Prisma.sql`${constant(criterionWeight.givenName)} * gl.likeness`,
    birthDate &&
      Prisma.sql`${constant(criterionWeight.birthDate)} * (CASE WHEN c.birth_date = ${birthDate} THEN 1
         WHEN c.birth_date = ANY(${nearBirthDates}) THEN ${constant(nearMissLikeness)} ELSE 0 END)`,
    postcode &&
      Prisma.sql`${constant(criterionWeight.postcode)} * (CASE WHEN c.postcode = ${postcode} THEN 1
         WHEN split_part(c.postcode, ' ', 1) = ${outwardCode(criteria.postcode!)}::text THEN ${constant(nearMissLikeness)} ELSE 0 END)`,
  ].filter((point): point is Prisma.Sql => point !== null);
  // A patient found by a current and a previous name counts once, with the better of the two.
  ctes.push(Prisma.sql`scored AS (
    SELECT c.patient_id AS id, round((max(${Prisma.join(points, ' + ')}) / ${constant(weightOf(present))})::numeric, 3)::float8 AS score
    FROM candidate_names c
    ${family ? Prisma.sql`JOIN family_likeness fl ON fl.name_family = c.name_family` : Prisma.empty}
    ${givenName ? Prisma.sql`JOIN given_likeness gl ON gl.name_given = c.name_given` : Prisma.empty}
    GROUP BY c.patient_id
  )`);
  const page = pageOf(Prisma.sql`scored`, window);
  ctes.push(page.cte);
  return Prisma.sql`WITH ${Prisma.join(ctes, ',\n')}\n${page.select}`;
}

interface Conditions {
  family: Prisma.Sql | null;
  givenName: Prisma.Sql | null;
  birthDate: Prisma.Sql | null;
  birthDateOrNearly: Prisma.Sql | null;
  postcode: Prisma.Sql | null;
}

/**
 * Candidate rows, narrow: the patient's id, the name it was found by (`name_family`, `name_given`: its current
 * name or a previous one) and what else is scored. `n` is the alias of the row whose name is matched.
 */
function candidates(c: Conditions, excluded: Prisma.Sql): Prisma.Sql {
  if (c.family) {
    const narrowed = (n: 'p' | 'n') => {
      const byGiven = c.givenName && Prisma.sql`${Prisma.raw(n)}.given_tokens && ARRAY(SELECT token FROM given_matches)`;
      // A given name narrows the search, except that the right (or nearly right) birth date lets a different
      // given name through ("John Jones", born that day, still finds Jonathan Smith-Jones, ranked lower).
      if (byGiven) return c.birthDateOrNearly ? Prisma.sql`AND (${byGiven} OR ${c.birthDateOrNearly})` : Prisma.sql`AND ${byGiven}`;
      return c.birthDateOrNearly ? Prisma.sql`AND ${c.birthDateOrNearly}` : Prisma.empty;
    };
    const byFamily = (n: 'p' | 'n') => Prisma.sql`${Prisma.raw(n)}.family_tokens && ARRAY(SELECT token FROM family_matches)`;
    return Prisma.sql`SELECT p.id AS patient_id, p.family_tokens AS name_family, p.given_tokens AS name_given, p.birth_date, p.postcode
              FROM patient.patient p
              WHERE ${byFamily('p')} ${narrowed('p')} AND p.replaced_by_id IS NULL ${excluded}
            UNION ALL
            SELECT p.id, n.family_tokens, n.given_tokens, p.birth_date, p.postcode
              FROM patient.patient_previous_name n JOIN patient.patient p ON p.id = n.patient_id
              WHERE ${byFamily('n')} ${narrowed('n')} AND p.replaced_by_id IS NULL ${excluded}`;
  }
  const where = c.birthDate ? Prisma.sql`p.birth_date = ${c.birthDate}` : Prisma.sql`p.postcode = ${c.postcode}`;
  return Prisma.sql`SELECT p.id AS patient_id, p.family_tokens AS name_family, p.given_tokens AS name_given, p.birth_date, p.postcode
            FROM patient.patient p WHERE ${where} AND p.replaced_by_id IS NULL ${excluded}`;
}

/** Likeness of each distinct name among the candidates to the query, computed once per name (hence materialised). */
function nameLikeness(name: 'family_likeness' | 'given_likeness', column: 'name_family' | 'name_given', likeness: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(name)} AS MATERIALIZED (
    SELECT n.${Prisma.raw(column)}, ${likeness} AS likeness
    FROM (SELECT DISTINCT ${Prisma.raw(column)} FROM candidate_names) n CROSS JOIN query_size qs
  )`;
}
