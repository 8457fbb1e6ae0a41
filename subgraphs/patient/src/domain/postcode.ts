/**
 * UK postcodes (including BFPO-free special cases such as GIR 0AA): an outward code (area + district, e.g. `LS1`,
 * `SW1A`) and a 3-character inward code (`4AP`). People type them in any case and spacing; the record keeps the
 * standard form with one space.
 */
const postcodePattern = /^(GIR0AA|[A-PR-UWYZ](\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y])\d[ABD-HJLNP-UW-Z]{2})$/;

/** The standard form of a UK postcode, or null when it is not one. */
export function normalisePostcode(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (!postcodePattern.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** The outward code (`LS1` of `LS1 4AP`) of a postcode in standard form. */
export function outwardCode(postcode: string): string {
  return postcode.split(' ')[0]!;
}
