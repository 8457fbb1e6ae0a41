import type { ApiResult } from '@epr/client';

/** What went wrong, in words she can act on: the API's own message, or that the service could not be reached. */
export function problemMessage(answer: ApiResult<unknown> | Error): string {
  if (answer instanceof Error) return 'the record service could not be reached. Try again shortly.';
  return answer.errors?.[0]?.message ?? 'something went wrong. Try again shortly.';
}

/** A refused or expired session: she must sign in again. */
export function sessionEnded(answer: ApiResult<unknown>): boolean {
  return answer.status === 401 || answer.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED') === true;
}
