import { Prisma } from '../../__generated__/prisma/client.js';
import { afterCursor, exclusions, familyLikeness, pageOf, querySize, wordMatches, type SearchWindow } from './search-sql.js';

/**
 * A search by family name alone. Every holder of one family name scores the same, and a common one ("Smith")
 * has tens of thousands of holders at a million patients, so this does not score patients: it scores the distinct
 * family names in `family_name` that share a word with the query, then reads each name's holders in id order from
 * the btree (family_key, id, replaced_by_id) — at most one page of them per name, after the cursor — so its cost
 * follows the page size and the number of similar names, not how common the name is.
 */
export function familyNameSearchSql(familyName: string, window: SearchWindow): Prisma.Sql {
  const family = Prisma.sql`${familyName}::text`;
  const excluded = exclusions(window);
  const cursor = window.after ? Prisma.sql`AND ${afterCursor(Prisma.sql`n.score`, Prisma.sql`p.id`, window.after)}` : Prisma.empty;
  // Current names: each name's holders in id order, one page at most, from the btree.
  const currentHolders = Prisma.sql`SELECT n.score, h.id FROM names n CROSS JOIN LATERAL (
      SELECT p.id FROM patient.patient p WHERE p.family_key = n.key AND p.replaced_by_id IS NULL ${excluded} ${cursor}
      ORDER BY p.id LIMIT ${window.limit}::int
    ) h`;
  // Previous names are few: joined outright.
  const previousHolders = Prisma.sql`SELECT n.score, p.id FROM names n
      JOIN patient.patient_previous_name pn ON pn.family_key = n.key JOIN patient.patient p ON p.id = pn.patient_id
      WHERE p.replaced_by_id IS NULL ${excluded} ${cursor}`;
  const page = pageOf(Prisma.sql`scored`, window);
  return Prisma.sql`WITH ${wordMatches('family_matches', family, false)},
    ${querySize(family, null)},
    names AS MATERIALIZED (
      SELECT f.key, round(${familyLikeness(Prisma.sql`f.tokens`)}::numeric, 3)::float8 AS score
      FROM patient.family_name f CROSS JOIN query_size qs
      WHERE f.tokens && ARRAY(SELECT token FROM family_matches)
    ),
    holders AS (${currentHolders} UNION ALL ${previousHolders}),
    scored AS (SELECT id, max(score) AS score FROM holders GROUP BY id),
    ${page.cte}
    ${page.select}`;
}
