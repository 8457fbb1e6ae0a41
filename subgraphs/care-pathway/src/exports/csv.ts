import { stringify, type Options } from 'csv-stringify';
import { stringify as stringifyNow } from 'csv-stringify/sync';

/**
 * How every export writes CSV (csv-stringify): RFC 4180 quoting, booleans as `true`/`false` as GraphQL gives
 * them, empty cells for nulls. A text cell a spreadsheet would run as a formula (starting with = + - @, tab or
 * carriage return: OWASP "CSV injection") gets an apostrophe in front, so it shows as text; numbers stay numbers.
 */
function csvOptions(columns: Options['columns'], header: boolean): Options {
  return { header, columns, escape_formulas: true, cast: { boolean: (value) => (value ? 'true' : 'false') } };
}

/** A streaming CSV writer with a header row, for a file of rows. */
export function csvWriter(columns: Options['columns']) {
  return stringify(csvOptions(columns, true));
}

/**
 * A long file as CSV text, one chunk per batch of rows: the header, then each batch written at once, which
 * costs far less per row than passing every row through a stream on its own.
 */
export async function* csvChunks<T>(columns: Options['columns'], batches: AsyncIterable<readonly T[]>, toRecord: (row: T) => unknown) {
  yield stringifyNow([], csvOptions(columns, true));
  for await (const batch of batches) yield stringifyNow(batch.map(toRecord), csvOptions(columns, false));
}

/** Headers for a file download that nothing may cache or sniff as another type. */
export function downloadHeaders(contentType: string, filename: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
}
