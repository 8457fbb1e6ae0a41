import { toIsoDate } from '@epr/platform';

/** A nullable `date` column as the API's `YYYY-MM-DD`. */
export function optionalDate(date: Date | null): string | null {
  return date ? toIsoDate(date) : null;
}
