import type pg from 'pg';

/*
 * A synthetic master patient index for the search benchmark, written set-based (INSERT … SELECT over
 * generate_series, 100,000 rows a statement) through the same triggers as every other writer, so the search keys
 * and the name dictionary are what production would have.
 *
 * Names follow a skewed distribution, roughly as in England: 30 % of family names come from common UK surnames,
 * the commonest far more often than the rest (about 2 % of patients are called Smith: at a million, a search for
 * "Smith" alone has some 20,000 candidates), the rest from a long tail of made-up surnames (~18,000 of them);
 * 3 % are double-barrelled. About 9 % of patients have no NHS number (not every number of
 * the never-issued 999 range has a valid check digit), as unidentified patients do.
 */

const commonSurnames = `Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker
  White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker
  Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey
  Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb
  Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens
  Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox
  Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant
  Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons
  Berry Stone Reid Holland Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane Cooke Bates
  Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren Nicholls Hamilton Byrne Sutton McDonald
  Yates Hodgson Robson Curtis Hopkins O'Connor Harper Coleman Watkins Moss McCarthy Chambers O'Neill Griffin Sharp Hardy Wheeler Potter
  Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Rahman Adeyemi Okafor Nowak Kowalski Silva Santos McAllister`.split(/\s+/);

const givenNames = `Oliver George Harry Jack Jacob Noah Charlie Muhammad Thomas Oscar William James Henry Leo Alfie Joshua Freddie
  Archie Ethan Isaac Alexander Joseph Edward Samuel Max Daniel Arthur Lucas Mohammed Logan Theo Harrison Benjamin Mason Sebastian Finley
  Adam Dylan Zachary Riley Teddy Theodore David Toby Jake Louie Elijah Reuben Arlo Hugo Luca Jaxon Matthew Harvey Reggie Michael Harley
  John Jon Jonathan Jonathon Stephen Steven Christopher Peter Paul Mark Andrew Richard Robert Anthony Kevin Ian Gary Simon Neil Colin
  Olivia Amelia Isla Ava Mia Isabella Sophia Grace Lily Freya Emily Ivy Ella Rosie Evie Florence Poppy Charlotte Willow Evelyn Phoebe
  Sienna Sofia Daisy Alice Sophie Isabelle Harper Matilda Ruby Emilia Maya Millie Elsie Esme Layla Aisha Priya Fatima Zara Maryam
  Sarah Susan Margaret Elizabeth Mary Patricia Linda Barbara Jennifer Helen Karen Julie Joanne Claire Catherine Katherine Kathryn
  Rachel Rebecca Hannah Laura Emma Jessica Lucy Amy Chloe Megan Ellie Holly Zoe Jade Leah Abigail Bethany Anna Caitlin Georgia`.split(
  /\s+/,
);

// A made-up surname: prefix + middle + suffix, e.g. "Ashbrooke", "Thornleigh".
const prefixes = `Ash Beck Black Bram Brook Burn Cald Carr Clay Cole Cran Dal Dun Elm Fair Fern Fox Gars Glen Gold Gran Hal Hart
  Haw Heath Hol Kel Kirk Lang Lin Marl Mel Mid Mor Nor Oak Pen Ral Red Ros Rush Sal Shel Stan Stock Thorn Tor Wal Wes Whit Win Wood Yar
  Bax Cot Dray Ever Farn Gil Hamp Ing Kin Lox Mab Ned Orr Pel Quin Rad Sef Tib`.split(/\s+/);
const middles = ['', 'er', 'en', 'ing', 'ley', 'den', 'ham', 'ton'];
const suffixes = `by croft dale field ford gate grove hurst leigh low more ridge shaw stead thwaite well wick worth combe cott brooke
  bourne bury land man more son wood ward well mere sett`.split(/\s+/);

const postcodeAreas = `LS BD HX WF HD YO HG S DN M B L NE SR DH TS CA LA PR BB BL OL SK WA WN CH CW ST DE NG LE CV WV WS DY`.split(/\s+/);

const batch = 100_000;

export interface SeededPatients {
  patients: number;
  withNhsNumber: number;
  nameWords: number;
}

/** Writes `count` patients into the patient schema of the database `client` is connected to. */
export async function seedPatients(client: pg.Client, count: number, progress: (done: number) => void): Promise<SeededPatients> {
  await client.query('SELECT setseed(0.42)');
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await client.query(insertBatch, [from, to, commonSurnames, givenNames, prefixes, middles, suffixes, postcodeAreas]);
    progress(to);
  }
  // Settle the GIN indexes' pending lists and give the planner statistics, as autovacuum would on a live system.
  await client.query('VACUUM ANALYZE patient.patient, patient.name_token, patient.family_name');
  const { rows } = await client.query<{ patients: string; with_nhs: string; words: string }>(
    `SELECT count(*) AS patients, count(nhs_number) AS with_nhs, (SELECT count(*) FROM patient.name_token) AS words FROM patient.patient`,
  );
  return { patients: Number(rows[0]!.patients), withNhsNumber: Number(rows[0]!.with_nhs), nameWords: Number(rows[0]!.words) };
}

const pick = (list: string, skew = 1) => `(${list}::text[])[1 + floor(power(random(), ${skew}) * cardinality(${list}::text[]))::int]`;
const inwardLetter = "substr('ABDEFGHJLNPQRSTUWXYZ', 1 + floor(random() * 20)::int, 1)";

// $1..$2: the range of patient numbers; $3..$8: the word lists above. A patient's NHS number is the i-th
// 999-range number after the demo patients' when that one has a valid Modulus 11 check digit (a check value of 10
// means it has none) and the range has not run out.
const insertBatch = `
  INSERT INTO patient.patient (nhs_number, temporary_identity, given_name, family_name, birth_date, sex, address_lines, postcode, updated_at)
  SELECT CASE WHEN n.check_digit < 10 THEN n.base::text || n.check_digit END,
         CASE WHEN n.check_digit = 10 THEN 'TMP-B' || lpad(i::text, 7, '0') END,
         ${pick('$4')},
         CASE WHEN random() < 0.3 THEN ${pick('$3', 2)} ELSE ${pick('$5')} || ${pick('$6')} || ${pick('$7')} END
           || CASE WHEN random() < 0.03 THEN '-' || ${pick('$3', 2)} ELSE '' END,
         date '1920-01-01' + floor(random() * 38000)::int,
         CASE WHEN random() < 0.5 THEN 'FEMALE' ELSE 'MALE' END::patient.sex,
         ARRAY[(1 + floor(random() * 200))::int || ' ' || ${pick('$5')} || ' Road', 'Benchtown'],
         ${pick('$8')} || (1 + floor(random() * 20))::int || ' ' || floor(random() * 10)::int || ${inwardLetter} || ${inwardLetter},
         now()
  FROM generate_series($1::int, $2::int) AS i
  CROSS JOIN LATERAL (SELECT 999001000 + i - 1 AS base) b
  CROSS JOIN LATERAL (
    SELECT b.base,
           CASE WHEN b.base > 999999999 THEN 10
                ELSE (11 - (SELECT sum((b.base / (10 ^ (8 - k))::bigint % 10) * (10 - k)) FROM generate_series(0, 8) AS k)::int % 11) % 11
           END AS check_digit
  ) n`;
