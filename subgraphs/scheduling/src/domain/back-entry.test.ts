import { requireBackEntry } from './back-entry.js';
import { validateAdHocSession } from './clinic-setup.js';

describe('back-entry', () => {
  test('a role without appointments.back_enter is FORBIDDEN, told why and who may', () => {
    expect(() => requireBackEntry(false, 'Booking into a slot that has already started')).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^Booking into a slot that has already started is back-entry.*appointments\.back_enter/),
        extensions: { code: 'FORBIDDEN' },
      }),
    );
    expect(() => requireBackEntry(true, 'Booking into a slot that has already started')).not.toThrow();
  });

  test('a clinic session that has already started is a back-entered one', () => {
    const now = new Date('2026-12-01T08:00:00Z');
    const session = { clinicId: 'c', slotMinutes: 15, slotCount: 4, slotKind: 'NEW' as const };
    expect(validateAdHocSession({ ...session, startsAt: '2026-11-10T09:00:00Z' }, now).entry).toBe('BACK_ENTERED');
    expect(validateAdHocSession({ ...session, startsAt: '2026-12-02T09:00:00Z' }, now).entry).toBe('LIVE');
  });
});
