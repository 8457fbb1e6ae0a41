import { badUserInput } from '@epr/platform';
import { requireDate } from '../domain/input-rules.js';

/** The query string of an export, checked: only the named parameters, each at most once. */
export type ExportParameters<Name extends string> = Partial<Record<Name, string>>;

// Every value here is short (an ODS code, a date, a month, a specialty's name); anything longer is not one.
const maxValueLength = 200;

/**
 * Reads an export's query string strictly, so a mistyped parameter (`censusDate=` for `census=`) is a 400 that
 * names it rather than a file for some other day. Each error names the parameter to fix in `extensions.field`.
 */
export function readParameters<Name extends string>(url: string | undefined, names: readonly Name[]): ExportParameters<Name> {
  const search = new URL(url ?? '/', 'http://localhost').searchParams;
  const values: ExportParameters<Name> = {};
  for (const [name, value] of search) {
    if (!(names as readonly string[]).includes(name)) {
      throw badUserInput(`Unknown parameter "${name.slice(0, 40)}": this export takes ${names.join(', ')}.`, name.slice(0, 40));
    }
    if (values[name as Name] !== undefined) throw badUserInput(`Give ${name} once.`, name);
    if (value.length > maxValueLength) throw badUserInput(`${name} is too long.`, name);
    values[name as Name] = value;
  }
  return values;
}

/** The census date parameter (`census=YYYY-MM-DD`), checked under its own name; undefined when not given. */
export function censusParameter(value: string | undefined): string | undefined {
  return value === undefined ? undefined : requireDate(value, 'census', 'The census date (census)');
}

/** An optional parameter: left out, or given empty, means "not given". */
export function optional(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}
