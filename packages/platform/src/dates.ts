/** A Postgres `date` arrives as midnight UTC; the API speaks `YYYY-MM-DD`. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
