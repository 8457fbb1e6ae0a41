import { badRequest } from './fhir-error.js';

// FHIR's own id rule: a resource id that breaks it cannot name anything here.
const fhirId = /^[A-Za-z0-9\-.]{1,64}$/;

/** Ignored everywhere: this server only answers JSON, and `_format` may only ask for that. */
const formatParam = '_format';
const jsonFormats = new Set(['json', 'application/json', 'application/fhir+json']);

/**
 * The query's parameters, each given once, all of them ones this interaction supports. An unknown parameter is
 * refused (400) rather than ignored: a search that silently drops a criterion returns more than was asked for.
 */
export function parseParams(url: URL, supported: readonly string[]): Map<string, string> {
  const params = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (name === formatParam) {
      if (!jsonFormats.has(value)) throw badRequest('This server answers JSON only (_format=json).', formatParam);
      continue;
    }
    if (!supported.includes(name)) {
      throw badRequest(`Unsupported search parameter "${name}". Supported here: ${supported.join(', ') || 'none'}.`, name);
    }
    if (params.has(name)) throw badRequest(`Give "${name}" once.`, name);
    if (value.trim() === '') throw badRequest(`"${name}" is empty.`, name);
    params.set(name, value.trim());
  }
  return params;
}

export function requireId(value: string, what: string): string {
  if (!fhirId.test(value)) throw badRequest(`${what} "${value}" is not a FHIR id (letters, digits, "-" and ".", up to 64).`);
  return value;
}

/** `patient=<id>` or `patient=Patient/<id>`. */
export function patientParam(value: string): string {
  return requireId(value.startsWith('Patient/') ? value.slice('Patient/'.length) : value, 'patient');
}

/** A token search value `system|value`; the system is required so a number is never matched in the wrong scheme. */
export function tokenParam(value: string, name: string): { system: string; value: string } {
  const bar = value.indexOf('|');
  if (bar <= 0 || bar === value.length - 1)
    throw badRequest(`${name} is written system|value, for example https://fhir.nhs.uk/Id/nhs-number|9990000018.`, name);
  return { system: value.slice(0, bar), value: value.slice(bar + 1) };
}

/** `birthdate=YYYY-MM-DD` (or with the `eq` prefix): the only comparison a birth date search supports here. */
export function birthDateParam(value: string): string {
  const date = value.startsWith('eq') ? value.slice(2) : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw badRequest('birthdate is a full date, YYYY-MM-DD (prefixes other than eq are not supported).', 'birthdate');
  return date;
}
