import { nearMissBirthDates, weightOf } from './match-score.js';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString().slice(0, 10));
const today = new Date('2026-11-24T00:00:00Z');

describe('near-miss birth dates', () => {
  const near = iso(nearMissBirthDates(new Date('1954-03-12T00:00:00Z'), today));

  test('one part different, or day and month swapped, is a near miss', () => {
    expect(near).toEqual(expect.arrayContaining(['1954-12-03', '1954-03-13', '1954-04-12', '1955-03-12', '1945-03-12']));
  });

  test('the date itself, dates with two parts different, impossible and future dates are not', () => {
    expect(near).not.toContain('1954-03-12');
    expect(near).not.toContain('1955-04-12');
    expect(near).not.toContain('2027-03-12');
    expect(iso(nearMissBirthDates(new Date('2000-01-31T00:00:00Z'), today))).not.toContain('2000-02-31');
  });

  test('about two hundred dates: one index look-up each', () => {
    expect(near.length).toBeGreaterThan(150);
    expect(near.length).toBeLessThan(220);
    expect(near).toEqual([...near].sort());
  });
});

describe('weights', () => {
  test('the score is a mean over the criteria given', () => {
    expect(weightOf(['familyName', 'givenName', 'birthDate', 'postcode'])).toBeCloseTo(1);
    expect(weightOf(['familyName'])).toBeCloseTo(0.35);
  });
});
