import { checkNhsNumber, normaliseNhsNumber } from './nhs-number.js';

describe('NHS number (Modulus 11)', () => {
  test.each(['9434765919', '943 476 5919', '943-476-5919', '9990000018'])('%s is valid', (n) => {
    expect(checkNhsNumber(n)).toBeNull();
  });

  test('a changed check digit is refused', () => {
    expect(checkNhsNumber('9434765918')).toBe('check_digit_mismatch');
  });

  test('a transposition of two digits is caught', () => {
    expect(checkNhsNumber('4934765919')).toBe('check_digit_mismatch');
  });

  test('check digit is 0 when 11 - (sum mod 11) is 11', () => {
    // First nine digits all zero: sum 0, remainder 0, 11 - 0 = 11, so the check digit must be 0.
    expect(checkNhsNumber('0000000000')).toBeNull();
    expect(checkNhsNumber('0000000001')).toBe('check_digit_mismatch');
  });

  test('first nine digits whose check value is 10 can never be valid', () => {
    // 000000006: sum 6 x 2 = 12, remainder 1, 11 - 1 = 10, so no last digit makes it valid.
    for (let last = 0; last <= 9; last += 1) expect(checkNhsNumber(`000000006${last}`)).toBe('never_valid');
  });

  test.each(['', '123', '94347659190', '94347659AB'])('%p is not ten digits', (n) => {
    expect(checkNhsNumber(n)).toBe('not_ten_digits');
  });

  test('normalising keeps only the digits people type with separators', () => {
    expect(normaliseNhsNumber(' 943 476-5919 ')).toBe('9434765919');
  });
});
