import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/** An answer that is an OperationOutcome: the HTTP status, FHIR's issue type, and a message the caller can act on. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issueCode: OperationOutcomeIssue['code'],
    message: string,
    /** Where in the request the problem is (a parameter name, `Bundle.entry[2].resource.code`). */
    readonly expression?: string,
  ) {
    super(message);
  }

  toOutcome(): OperationOutcome {
    return outcome('error', this.issueCode, this.message, this.expression);
  }
}

/**
 * A transaction that failed after some of its entries were written (the writes are separate mutations, see
 * bundle-submit.ts): the error, then which entries stand, so the sender knows exactly what happened.
 */
export class PartialTransactionError extends FhirError {
  constructor(
    cause: FhirError,
    readonly written: readonly { index: number; location: string }[],
  ) {
    super(cause.status, cause.issueCode, cause.message, cause.expression);
  }

  override toOutcome(): OperationOutcome {
    const failure = super.toOutcome();
    return {
      ...failure,
      issue: [
        ...failure.issue,
        ...this.written.map(({ index, location }) => ({
          severity: 'information' as const,
          code: 'informational' as const,
          diagnostics: `Entry ${index} was written before the failure and stays: ${location}. Send the Bundle again once corrected; with ifNoneExist on each entry nothing is written twice.`,
          expression: [`Bundle.entry[${index}]`],
        })),
      ],
    };
  }
}

export function outcome(
  severity: OperationOutcomeIssue['severity'],
  code: OperationOutcomeIssue['code'],
  diagnostics: string,
  expression?: string,
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity, code, diagnostics, ...(expression ? { expression: [expression] } : {}) }],
  };
}

export const badRequest = (message: string, expression?: string) => new FhirError(400, 'invalid', message, expression);
export const notFound = (message: string) => new FhirError(404, 'not-found', message);
export const forbidden = (message: string) => new FhirError(403, 'forbidden', message);

/**
 * A GraphQL error code from the pipeline as its FHIR answer: out of scope and unknown are both 404 (existence
 * never leaks), a refused activity 403, bad input 400, a part of the record unreachable 503; anything else is
 * an internal error already masked and logged by the gateway.
 */
export function fromGraphQLCode(code: unknown, message: string, expression?: string): FhirError {
  switch (code) {
    case 'NOT_FOUND':
      return new FhirError(404, 'not-found', message, expression);
    case 'FORBIDDEN':
      return new FhirError(403, 'forbidden', message, expression);
    case 'BAD_USER_INPUT':
      return new FhirError(400, 'invalid', message, expression);
    case 'CONFLICT':
      return new FhirError(409, 'conflict', message, expression);
    case 'SERVICE_UNAVAILABLE':
      return new FhirError(503, 'transient', message, expression);
    case 'UNAUTHENTICATED':
      return new FhirError(401, 'login', message, expression);
    default:
      return new FhirError(500, 'exception', 'Internal server error', expression);
  }
}
