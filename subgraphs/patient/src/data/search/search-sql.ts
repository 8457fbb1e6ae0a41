import type { ScoreCursor } from '../../domain/pagination.js';
import { extraFamilyWordFactor, maxWordMatches, wordLikeness } from '../../domain/match-score.js';

/** Which part of the ranked list to return, and what to leave out of it. */
export interface SearchWindow {
  limit: number;
  after: ScoreCursor | null;
  minScore?: number;
  excludePatientId?: string;
  /** Duplicate detection for a patient holding an NHS number: anyone holding another one is someone else. */
  onlyWithoutNhsNumber?: boolean;
}

/** A statement's bind parameters, collected as the SQL is written; each placeholder carries its type. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** Conditions on the patient `p` that leave patients out of a search (for duplicate detection). */
export function exclusions(window: SearchWindow, params: SqlParams): string {
  return [
    window.excludePatientId ? `AND p.id <> ${params.add(window.excludePatientId, 'uuid')}` : '',
    window.onlyWithoutNhsNumber ? 'AND p.nhs_number IS NULL' : '',
  ].join(' ');
}

/** The last CTE and the final SELECT: the page of `scored` (id, score) after the cursor, read in full. */
export function pageOf(scored: string, window: SearchWindow, params: SqlParams): { cte: string; select: string } {
  const filters = ['TRUE'];
  if (window.minScore !== undefined) filters.push(`score >= ${params.add(window.minScore, 'float8')}`);
  if (window.after) filters.push(afterCursor('score', 'id', window.after, params));
  return {
    cte: `page AS (SELECT * FROM ${scored} WHERE ${filters.join(' AND ')} ORDER BY score DESC, id LIMIT ${params.add(window.limit, 'int')})`,
    select: `SELECT ${patientSelectList}, page.score FROM page JOIN patient.patient p ON p.id = page.id ORDER BY page.score DESC, p.id`,
  };
}

/** Keyset condition: after the cursor in (score descending, id) order. */
export function afterCursor(score: string, id: string, after: ScoreCursor, params: SqlParams): string {
  const cursorScore = params.add(after.score, 'float8');
  return `(${score} < ${cursorScore} OR (${score} = ${cursorScore} AND ${id} > ${params.add(after.id, 'uuid')}))`;
}

// The record's columns under the names PatientRecord uses (patient-store.ts selects the same through Prisma).
const patientSelectList = `p.id, p.nhs_number AS "nhsNumber", p.temporary_identity AS "temporaryIdentity",
  p.given_name AS "givenName", p.family_name AS "familyName", p.birth_date AS "birthDate", p.sex::text AS sex,
  p.gender_identity::text AS "genderIdentity", p.address_lines AS "addressLines", p.postcode, p.telephone, p.email,
  p.registered_gp_practice_id AS "registeredGpPracticeId", p.date_of_death AS "dateOfDeath",
  p.replaced_by_id AS "replacedById", p.created_at AS "createdAt"`;

/** The dictionary words each query word matches, with their likeness (1 = the same word). */
export function wordMatches(name: string, query: string, prefix: boolean): string {
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

/** How many words the query's names have; materialised so that it is worked out once, not once per candidate. */
export function querySize(family: string | null, given: string | null): string {
  return `query_size AS MATERIALIZED (
    SELECT cardinality(patient.name_tokens(${family ?? 'NULL'})) AS family_words,
           cardinality(patient.name_tokens(${given ?? 'NULL'})) AS given_words
  )`;
}

/** Mean over the query's family words of the best likeness among `words`; extra words cost a little. Needs `qs`. */
export function familyLikeness(words: string): string {
  return `(
    (SELECT coalesce(sum(best), 0) FROM (
       SELECT max(m.likeness) AS best FROM family_matches m WHERE m.token = ANY(${words}) GROUP BY m.query_word) b)
    / greatest(qs.family_words, 1)
    * CASE WHEN cardinality(${words}) > qs.family_words THEN ${extraFamilyWordFactor} ELSE 1 END)`;
}

/** Mean over the query's given-name words; middle names the query leaves out cost nothing. Needs `qs`. */
export function givenLikeness(words: string): string {
  return `(
    (SELECT coalesce(sum(best), 0) FROM (
       SELECT max(m.likeness) AS best FROM given_matches m WHERE m.token = ANY(${words}) GROUP BY m.query_word) b)
    / greatest(qs.given_words, 1))`;
}
