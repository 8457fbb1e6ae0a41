import { stringify, type Options } from 'csv-stringify';

// A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage return, may
// shift it into one): such a cell is prefixed with an apostrophe, which spreadsheets show as text (OWASP "CSV
// injection"). Only text cells can start so; numbers are written as numbers.
const formulaStart = /^[=+\-@\t\r]/;

export function neutralised(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/**
 * The CSV writer of every export (csv-stringify, streaming): a header row, RFC 4180 quoting, booleans as
 * `true`/`false` as GraphQL gives them, empty cells for nulls, and text cells neutralised against formulas.
 */
export function csvWriter(columns: Options['columns']) {
  return stringify({
    header: true,
    columns,
    cast: { boolean: (value) => (value ? 'true' : 'false'), string: neutralised },
  });
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
