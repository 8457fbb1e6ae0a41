import { badRequest } from '../fhir-error.js';

/** A problem with one entry's resource: 400, pointing at the element to fix. */
export function invalidElement(path: string, message: string) {
  return badRequest(message, path);
}
