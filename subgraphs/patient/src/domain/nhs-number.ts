/**
 * NHS number rules (NHS Data Dictionary): 10 digits, the last a Modulus 11 check digit over the first nine
 * weighted 10..2. A check value of 10 means the number can never be valid.
 */
export type NhsNumberProblem = 'not_ten_digits' | 'check_digit_mismatch' | 'never_valid';

export function normaliseNhsNumber(input: string): string {
  // People write NHS numbers as "943 476 5919" or "943-476-5919"; the record stores the bare digits.
  return input.replace(/[\s-]/g, '');
}

export function checkNhsNumber(input: string): NhsNumberProblem | null {
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return 'not_ten_digits';
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return 'never_valid';
  const expected = check === 11 ? 0 : check;
  return Number(digits[9]) === expected ? null : 'check_digit_mismatch';
}

export function describeNhsNumberProblem(problem: NhsNumberProblem): string {
  switch (problem) {
    case 'not_ten_digits':
      return 'An NHS number has exactly 10 digits (spaces are allowed between groups).';
    case 'check_digit_mismatch':
      return 'This is not a valid NHS number: its check digit does not match (Modulus 11). Check for a mistyped digit.';
    case 'never_valid':
      return 'This is not a valid NHS number: no NHS number can have these first nine digits (Modulus 11 gives 10).';
  }
}
