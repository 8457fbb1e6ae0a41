import { forbidden } from '@epr/platform';

/** Whether an appointment change happens now (live) or is entered after the fact (back-entry). */
export type Entry = 'LIVE' | 'BACK_ENTERED';

/**
 * Back-entry — booking into a slot that has already started, adding a past clinic session, dating a cancellation
 * in the past — is for roles the policy data allows (`appointments.back_enter`, e.g. the booking office or a
 * migration), because it changes what the RTT clock says happened.
 */
export function requireBackEntry(permitted: boolean, what: string): void {
  if (!permitted) {
    throw forbidden(
      `${what} is back-entry, which your role may not do: it needs the appointments.back_enter activity (held by the booking office). ` +
        'Ask them to enter it, or record it as it happens.',
    );
  }
}
