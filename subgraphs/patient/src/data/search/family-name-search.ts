import { afterCursor, exclusions, familyLikeness, pageOf, querySize, SqlParams, wordMatches, type SearchWindow } from './search-sql.js';

/**
 * A search by family name alone. Every holder of one family name scores the same, and a common one ("Smith")
 * has tens of thousands of holders at a million patients, so this does not score patients: it scores the distinct
 * family names in `family_name` that share a word with the query, then reads each name's holders in id order from
 * the btree (family_key, id, replaced_by_id) — at most one page of them per name, after the cursor — so its cost
 * follows the page size and the number of similar names, not how common the name is.
 */
export function familyNameSearchSql(familyName: string, window: SearchWindow): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const family = params.add(familyName, 'text');
  const limit = params.add(window.limit, 'int');
  const excluded = exclusions(window, params);
  const cursor = window.after ? `AND ${afterCursor('n.score', 'p.id', window.after, params)}` : '';
  // Current names: each name's holders in id order, one page at most, from the btree.
  const currentHolders = `SELECT n.score, h.id FROM names n CROSS JOIN LATERAL (
      SELECT p.id FROM patient.patient p WHERE p.family_key = n.key AND p.replaced_by_id IS NULL ${excluded} ${cursor}
      ORDER BY p.id LIMIT ${limit}
    ) h`;
  // Previous names are few: joined outright.
  const previousHolders = `SELECT n.score, p.id FROM names n
      JOIN patient.patient_previous_name pn ON pn.family_key = n.key JOIN patient.patient p ON p.id = pn.patient_id
      WHERE p.replaced_by_id IS NULL ${excluded} ${cursor}`;
  const page = pageOf('scored', window, params);
  const text = `WITH ${wordMatches('family_matches', family, false)},
    ${querySize(family, null)},
    names AS MATERIALIZED (
      SELECT f.key, round(${familyLikeness('f.tokens')}::numeric, 3)::float8 AS score
      FROM patient.family_name f CROSS JOIN query_size qs
      WHERE f.tokens && ARRAY(SELECT token FROM family_matches)
    ),
    holders AS (${currentHolders} UNION ALL ${previousHolders}),
    scored AS (SELECT id, max(score) AS score FROM holders GROUP BY id),
    ${page.cte}
    ${page.select}`;
  return { text, values: params.values };
}
