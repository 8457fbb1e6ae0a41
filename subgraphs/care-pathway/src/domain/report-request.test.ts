import { reportingMonth } from './report-request.js';

describe('the month of a return', () => {
  test('runs from its first to its last day', () => {
    expect(reportingMonth('2026-02', 'month', '2026-11-24')).toEqual({ month: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(reportingMonth('2024-02', 'month', '2026-11-24').to).toBe('2024-02-29');
    expect(reportingMonth('2025-12', 'month', '2026-11-24').to).toBe('2025-12-31');
    expect(reportingMonth('2026-11', 'month', '2026-11-24').to).toBe('2026-11-30');
  });

  test.each(['2026-13', '2026-1', '26-01', 'April', '2026-04-01'])('%s is refused, naming the parameter', (value) => {
    expect(() => reportingMonth(value, 'month', '2026-11-24')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'month' }) }),
    );
  });

  test('a month still to come is refused', () => {
    expect(() => reportingMonth('2026-12', 'month', '2026-11-24')).toThrow(/cannot be in the future/);
  });
});
