import { toIsoDate } from '@epr/platform';
import type { ScoreCursor } from '../domain/pagination.js';
import type { DemographicCriteria } from '../domain/search-criteria.js';
import { outwardCode } from '../domain/postcode.js';
import {
  criterionWeight,
  extraFamilyWordFactor,
  maxWordMatches,
  nearMissBirthDates,
  nearMissLikeness,
  weightOf,
  wordLikeness,
  type Criterion,
} from '../domain/match-score.js';
import type { PatientRecord } from './patient-store.js';
import type { Db, Tx } from './prisma.js';

/** Which part of the ranked list to return, and what to leave out of it. */
export interface SearchWindow {
  limit: number;
  after: ScoreCursor | null;
  minScore?: number;
  excludePatientId?: string;
  /** Duplicate detection for a patient holding an NHS number: anyone holding another one is someone else. */
  onlyWithoutNhsNumber?: boolean;
}

export interface ScoredPatient {
  patient: PatientRecord;
  score: number;
}

/**
 * Ranked demographic search over the master patient index, as one SQL statement:
 *
 * 1. Each word of the family (and given) name is matched against `name_token`, the dictionary of distinct name
 *    words, by trigram similarity (typos), Double Metaphone (sound-alikes) and, for given names, prefix — a fuzzy
 *    scan over tens of thousands of words, not over the patients.
 * 2. Patients (and previous names) holding one of the matched family words are found through the GIN index on
 *    `family_tokens`, narrowed by the given name (GIN on `given_tokens`) or the birth date and its near misses
 *    (btree); without a family name, the birth date or postcode index finds them.
 * 3. Names are scored once per distinct name (thousands of Smiths share a handful of spellings), each candidate
 *    gets its weighted score (domain/match-score.ts), the page is cut by keyset on (score, id) over those narrow
 *    rows, and only the page's patients are read in full.
 *
 * The bench (tools/src/bench/patient-search.ts) runs this same SQL under EXPLAIN.
 */
export function patientSearchSql(criteria: DemographicCriteria, window: SearchWindow, today: Date = new Date()): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown, cast: string): string => {
    values.push(value);
    return `$${values.length}::${cast}`;
  };
  const present: Criterion[] = (Object.keys(criterionWeight) as Criterion[]).filter((criterion) => criteria[criterion] !== null);
  const family = criteria.familyName ? param(criteria.familyName, 'text') : null;
  const givenName = criteria.givenName ? param(criteria.givenName, 'text') : null;
  const birthDate = criteria.birthDate ? param(toIsoDate(criteria.birthDate), 'date') : null;
  const nearBirthDates = criteria.birthDate ? param(nearMissBirthDates(criteria.birthDate, today).map(toIsoDate), 'date[]') : null;
  const exclusions = [
    window.excludePatientId ? `AND p.id <> ${param(window.excludePatientId, 'uuid')}` : '',
    window.onlyWithoutNhsNumber ? 'AND p.nhs_number IS NULL' : '',
  ].join(' ');

  const ctes: string[] = [];
  if (family) ctes.push(wordMatches('family_matches', family, false));
  if (givenName) ctes.push(wordMatches('given_matches', givenName, true));
  // Materialised: evaluated once, not once per candidate (the planner would otherwise inline it).
  ctes.push(`query_size AS MATERIALIZED (
    SELECT cardinality(patient.name_tokens(${family ?? 'NULL'})) AS family_words,
           cardinality(patient.name_tokens(${givenName ?? 'NULL'})) AS given_words
  )`);
  const birthDateOrNearly = birthDate && `(p.birth_date = ${birthDate} OR p.birth_date = ANY(${nearBirthDates}))`;
  const postcode = criteria.postcode ? param(criteria.postcode, 'text') : null;
  ctes.push(`candidate_names AS (${candidates({ family, givenName, birthDate, birthDateOrNearly, postcode }, exclusions)})`);
  if (family) ctes.push(nameLikeness('family_likeness', 'name_family', familyLikeness));
  if (givenName) ctes.push(nameLikeness('given_likeness', 'name_given', givenLikeness));

  const points = [
    family && `${criterionWeight.familyName} * fl.likeness`,
    givenName && `${criterionWeight.givenName} * gl.likeness`,
    birthDate &&
      `${criterionWeight.birthDate} * (CASE WHEN c.birth_date = ${birthDate} THEN 1 WHEN c.birth_date = ANY(${nearBirthDates}) THEN ${nearMissLikeness} ELSE 0 END)`,
    postcode &&
      `${criterionWeight.postcode} * (CASE WHEN c.postcode = ${postcode} THEN 1
         WHEN split_part(c.postcode, ' ', 1) = ${param(outwardCode(criteria.postcode!), 'text')} THEN ${nearMissLikeness} ELSE 0 END)`,
  ].filter(Boolean);
  // A patient found by a current and a previous name counts once, with the better of the two.
  ctes.push(`scored AS (
    SELECT c.patient_id AS id, round((max(${points.join(' + ')}) / ${weightOf(present)})::numeric, 3)::float8 AS score
    FROM candidate_names c
    ${family ? 'JOIN family_likeness fl ON fl.name_family = c.name_family' : ''}
    ${givenName ? 'JOIN given_likeness gl ON gl.name_given = c.name_given' : ''}
    GROUP BY c.patient_id
  )`);

  const filters = ['TRUE'];
  if (window.minScore !== undefined) filters.push(`score >= ${param(window.minScore, 'float8')}`);
  if (window.after) {
    const score = param(window.after.score, 'float8');
    filters.push(`(score < ${score} OR (score = ${score} AND id > ${param(window.after.id, 'uuid')}))`);
  }
  ctes.push(`page AS (SELECT * FROM scored WHERE ${filters.join(' AND ')} ORDER BY score DESC, id LIMIT ${param(window.limit, 'int')})`);
  const text = `WITH ${ctes.join(',\n')}
    SELECT ${patientSelectList}, page.score FROM page JOIN patient.patient p ON p.id = page.id ORDER BY page.score DESC, p.id`;
  return { text, values };
}

/** Runs the search in `client` (a transaction too, for duplicate detection while registering). */
export async function searchPatients(client: Db | Tx, criteria: DemographicCriteria, window: SearchWindow): Promise<ScoredPatient[]> {
  const { text, values } = patientSearchSql(criteria, window);
  const rows = await client.$queryRawUnsafe<(PatientRecord & { score: number })[]>(text, ...values);
  return rows.map(({ score, ...patient }) => ({ patient, score }));
}

// The record's columns under the names PatientRecord uses (patient-store.ts selects the same through Prisma).
const patientSelectList = `p.id, p.nhs_number AS "nhsNumber", p.temporary_identity AS "temporaryIdentity",
  p.given_name AS "givenName", p.family_name AS "familyName", p.birth_date AS "birthDate", p.sex::text AS sex,
  p.gender_identity::text AS "genderIdentity", p.address_lines AS "addressLines", p.postcode, p.telephone, p.email,
  p.registered_gp_practice_id AS "registeredGpPracticeId", p.date_of_death AS "dateOfDeath",
  p.replaced_by_id AS "replacedById", p.created_at AS "createdAt"`;

/** The dictionary words each query word matches, with their likeness (1 = the same word). */
function wordMatches(name: string, query: string, prefix: boolean): string {
  const prefixLikeness = prefix ? `, CASE WHEN t.token LIKE q.word || '%' THEN ${wordLikeness.prefix} ELSE 0 END` : '';
  return `${name} AS (
    SELECT q.word AS query_word, m.token, m.likeness
    FROM unnest(patient.name_tokens(${query})) AS q(word)
    CROSS JOIN LATERAL (
      SELECT t.token,
             CASE WHEN t.token = q.word THEN 1.0
                  ELSE greatest(extensions.similarity(t.token, q.word),
                                CASE WHEN t.phonetic = extensions.dmetaphone(q.word) THEN ${wordLikeness.phonetic} ELSE 0 END
                                ${prefixLikeness})
             END AS likeness
      FROM patient.name_token t
      WHERE t.token OPERATOR(extensions.%) q.word
         OR t.phonetic = extensions.dmetaphone(q.word)
         ${prefix ? `OR t.token LIKE q.word || '%'` : ''}
      ORDER BY likeness DESC, t.token
      LIMIT ${maxWordMatches}
    ) m
  )`;
}

interface Conditions {
  family: string | null;
  givenName: string | null;
  birthDate: string | null;
  birthDateOrNearly: string | null;
  postcode: string | null;
}

/**
 * Candidate rows, narrow: the patient's id, the name it was found by (`name_family`, `name_given`: its current
 * name or a previous one) and what else is scored.
 */
function candidates(c: Conditions, exclusions: string): string {
  if (c.family) {
    const narrowed = (n: string) => {
      const byGiven = c.givenName && `${n}.given_tokens && ARRAY(SELECT token FROM given_matches)`;
      // A given name narrows the search, except that the right (or nearly right) birth date lets a different
      // given name through ("John Jones", born that day, still finds Jonathan Smith-Jones, ranked lower).
      if (byGiven) return c.birthDateOrNearly ? `AND (${byGiven} OR ${c.birthDateOrNearly})` : `AND ${byGiven}`;
      return c.birthDateOrNearly ? `AND ${c.birthDateOrNearly}` : '';
    };
    const byFamily = (n: string) => `${n}.family_tokens && ARRAY(SELECT token FROM family_matches)`;
    return `SELECT p.id AS patient_id, p.family_tokens AS name_family, p.given_tokens AS name_given, p.birth_date, p.postcode
              FROM patient.patient p
              WHERE ${byFamily('p')} ${narrowed('p')} AND p.replaced_by_id IS NULL ${exclusions}
            UNION ALL
            SELECT p.id, n.family_tokens, n.given_tokens, p.birth_date, p.postcode
              FROM patient.patient_previous_name n JOIN patient.patient p ON p.id = n.patient_id
              WHERE ${byFamily('n')} ${narrowed('n')} AND p.replaced_by_id IS NULL ${exclusions}`;
  }
  const where = c.birthDate ? `p.birth_date = ${c.birthDate}` : `p.postcode = ${c.postcode}`;
  return `SELECT p.id AS patient_id, p.family_tokens AS name_family, p.given_tokens AS name_given, p.birth_date, p.postcode
            FROM patient.patient p WHERE ${where} AND p.replaced_by_id IS NULL ${exclusions}`;
}

/** Likeness of each distinct name among the candidates to the query, computed once per name (hence materialised). */
function nameLikeness(name: string, column: string, likeness: string): string {
  return `${name} AS MATERIALIZED (
    SELECT n.${column}, ${likeness} AS likeness
    FROM (SELECT DISTINCT ${column} FROM candidate_names) n CROSS JOIN query_size qs
  )`;
}

/** Mean over the query's family words of the best likeness among the name's words; extra words cost a little. */
const familyLikeness = `(
  (SELECT coalesce(sum(best), 0) FROM (
     SELECT max(m.likeness) AS best FROM family_matches m WHERE m.token = ANY(n.name_family) GROUP BY m.query_word) b)
  / greatest(qs.family_words, 1)
  * CASE WHEN cardinality(n.name_family) > qs.family_words THEN ${extraFamilyWordFactor} ELSE 1 END)`;

/** Mean over the query's given-name words; middle names the query leaves out cost nothing. */
const givenLikeness = `(
  (SELECT coalesce(sum(best), 0) FROM (
     SELECT max(m.likeness) AS best FROM given_matches m WHERE m.token = ANY(n.name_given) GROUP BY m.query_word) b)
  / greatest(qs.given_words, 1))`;
