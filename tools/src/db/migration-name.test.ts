import { migrationFolderName, migrationSlug } from './migration-name.js';

describe('migration names', () => {
  test('slugs like Prisma folder names', () => {
    expect(migrationSlug('Add clinic + triage note')).toBe('add_clinic_triage_note');
    expect(() => migrationSlug(' -- ')).toThrow('cannot name a migration');
  });

  test('timestamps in UTC, always after the newest existing migration', () => {
    const now = new Date('2026-03-04T05:06:07.890Z');
    expect(migrationFolderName('x', [], now)).toBe('20260304050607_x');
    expect(migrationFolderName('x', ['20260101000000_init'], now)).toBe('20260304050607_x');
    expect(migrationFolderName('x', ['20260304050607_init'], now)).toBe('20260304050608_x');
    expect(migrationFolderName('x', ['20270101235959_future'], now)).toBe('20270102000000_x');
  });
});
