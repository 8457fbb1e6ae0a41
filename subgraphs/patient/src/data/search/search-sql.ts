import { Prisma } from '../../__generated__/prisma/client.js';
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

/** One of this module's own numbers (a weight, a bound), written into the statement: never input. */
export const constant = (n: number): Prisma.Sql => Prisma.raw(String(n));

/** Conditions on the patient `p` that leave patients out of a search (for duplicate detection). */
export function exclusions(window: SearchWindow): Prisma.Sql {
  return Prisma.sql`${window.excludePatientId ? Prisma.sql`AND p.id <> ${window.excludePatientId}::uuid` : Prisma.empty}
    ${window.onlyWithoutNhsNumber ? Prisma.sql`AND p.nhs_number IS NULL` : Prisma.empty}`;
}

/** The last CTE and the final SELECT: the page of `scored` (id, score) after the cursor, read in full. */
export function pageOf(scored: Prisma.Sql, window: SearchWindow): { cte: Prisma.Sql; select: Prisma.Sql } {
  const filters = [Prisma.sql`TRUE`];
  if (window.minScore !== undefined) filters.push(Prisma.sql`score >= ${window.minScore}::float8`);
  if (window.after) filters.push(afterCursor(Prisma.sql`score`, Prisma.sql`id`, window.after));
  return {
    cte: Prisma.sql`page AS (SELECT * FROM ${scored} WHERE ${Prisma.join(filters, ' AND ')} ORDER BY score DESC, id LIMIT ${window.limit}::int)`,
    select: Prisma.sql`SELECT ${patientSelectList}, page.score FROM page JOIN patient.patient p ON p.id = page.id ORDER BY page.score DESC, p.id`,
  };
}

/** Keyset condition: after the cursor in (score descending, id) order. */
export function afterCursor(score: Prisma.Sql, id: Prisma.Sql, after: ScoreCursor): Prisma.Sql {
  return Prisma.sql`(${score} < ${after.score}::float8 OR (${score} = ${after.score}::float8 AND ${id} > ${after.id}::uuid))`;
}

// The record's columns under the names PatientRecord uses (patient-store.ts selects the same through Prisma).
const patientSelectList = Prisma.sql`p.id, p.nhs_number AS "nhsNumber", p.temporary_identity AS "temporaryIdentity",
  p.given_name AS "givenName", p.family_name AS "familyName", p.birth_date AS "birthDate", p.sex::text AS sex,
  p.gender_identity::text AS "genderIdentity", p.address_lines AS "addressLines", p.postcode, p.telephone, p.email,
  p.registered_gp_practice_id AS "registeredGpPracticeId", p.date_of_death AS "dateOfDeath",
  p.replaced_by_id AS "replacedById", p.created_at AS "createdAt"`;

/** The dictionary words each query word matches (CTE `name`), with their likeness (1 = the same word). */
export function wordMatches(name: 'family_matches' | 'given_matches', query: Prisma.Sql, prefix: boolean): Prisma.Sql {
  const prefixLikeness = prefix
    ? Prisma.sql`, CASE WHEN t.token LIKE q.word || '%' THEN ${constant(wordLikeness.prefix)} ELSE 0 END`
    : Prisma.empty;
  return Prisma.sql`${Prisma.raw(name)} AS (
    SELECT q.word AS query_word, m.token, m.likeness
    FROM unnest(patient.name_tokens(${query})) AS q(word)
    CROSS JOIN LATERAL (
      SELECT t.token,
             CASE WHEN t.token = q.word THEN 1.0
                  ELSE greatest(extensions.similarity(t.token, q.word),
                                CASE WHEN t.phonetic = extensions.dmetaphone(q.word) THEN ${constant(wordLikeness.phonetic)} ELSE 0 END
                                ${prefixLikeness})
             END AS likeness
      FROM patient.name_token t
      WHERE t.token OPERATOR(extensions.%) q.word
         OR t.phonetic = extensions.dmetaphone(q.word)
         ${prefix ? Prisma.sql`OR t.token LIKE q.word || '%'` : Prisma.empty}
      ORDER BY likeness DESC, t.token
      LIMIT ${constant(maxWordMatches)}
    ) m
  )`;
}

/** How many words the query's names have; materialised so that it is worked out once, not once per candidate. */
export function querySize(family: Prisma.Sql | null, given: Prisma.Sql | null): Prisma.Sql {
  return Prisma.sql`query_size AS MATERIALIZED (
    SELECT cardinality(patient.name_tokens(${family ?? Prisma.sql`NULL`})) AS family_words,
           cardinality(patient.name_tokens(${given ?? Prisma.sql`NULL`})) AS given_words
  )`;
}

/** Mean over the query's family words of the best likeness among `words`; extra words cost a little. Needs `qs`. */
export function familyLikeness(words: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    (SELECT coalesce(sum(best), 0) FROM (
       SELECT max(m.likeness) AS best FROM family_matches m WHERE m.token = ANY(${words}) GROUP BY m.query_word) b)
    / greatest(qs.family_words, 1)
    * CASE WHEN cardinality(${words}) > qs.family_words THEN ${constant(extraFamilyWordFactor)} ELSE 1 END)`;
}

/** Mean over the query's given-name words; middle names the query leaves out cost nothing. Needs `qs`. */
export function givenLikeness(words: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    (SELECT coalesce(sum(best), 0) FROM (
       SELECT max(m.likeness) AS best FROM given_matches m WHERE m.token = ANY(${words}) GROUP BY m.query_word) b)
    / greatest(qs.given_words, 1))`;
}
