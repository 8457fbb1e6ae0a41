/**
 * Treatment functions (NHS Data Model and Dictionary, DCB0028) as the monthly RTT return reports them (guidance
 * 10.1.4): 18 functions on lines of their own, everything else on one of five "Other" lines by its group.
 * Referrals name their service in words (`Cardiology`) or by code (`320`); both are recognised here.
 */

/** A line of the return: `C_320` for a function reported on its own, `X02`–`X06` for the "Other" groups. */
export interface ReturnLine {
  readonly code: string;
  readonly name: string;
}

/** The return's lines in the national order, then the total line (`C_999`). */
export const returnLines: readonly ReturnLine[] = [
  { code: 'C_100', name: 'General Surgery Service' },
  { code: 'C_101', name: 'Urology Service' },
  { code: 'C_110', name: 'Trauma and Orthopaedic Service' },
  { code: 'C_120', name: 'Ear Nose and Throat Service' },
  { code: 'C_130', name: 'Ophthalmology Service' },
  { code: 'C_140', name: 'Oral Surgery Service' },
  { code: 'C_150', name: 'Neurosurgical Service' },
  { code: 'C_160', name: 'Plastic Surgery Service' },
  { code: 'C_170', name: 'Cardiothoracic Surgery Service' },
  { code: 'C_300', name: 'General Internal Medicine Service' },
  { code: 'C_301', name: 'Gastroenterology Service' },
  { code: 'C_320', name: 'Cardiology Service' },
  { code: 'C_330', name: 'Dermatology Service' },
  { code: 'C_340', name: 'Respiratory Medicine Service' },
  { code: 'C_400', name: 'Neurology Service' },
  { code: 'C_410', name: 'Rheumatology Service' },
  { code: 'C_430', name: 'Elderly Medicine Service' },
  { code: 'C_502', name: 'Gynaecology Service' },
  { code: 'X02', name: 'Other - Medical Services' },
  { code: 'X03', name: 'Other - Mental Health Services' },
  { code: 'X04', name: 'Other - Paediatric Services' },
  { code: 'X05', name: 'Other - Surgical Services' },
  { code: 'X06', name: 'Other - Other Services' },
];

export const totalLine: ReturnLine = { code: 'C_999', name: 'Total' };

// Reported on their own line, with the guidance's exceptions folded in: 108, 111 and 115 into 110; 144 and 145
// into 140; 172 and 173 into 170.
const ownLine: Record<string, string> = {
  ...Object.fromEntries(returnLines.filter((l) => l.code.startsWith('C_')).map((l) => [l.code.slice(2), l.code])),
  '108': 'C_110',
  '111': 'C_110',
  '115': 'C_110',
  '144': 'C_140',
  '145': 'C_140',
  '172': 'C_170',
  '173': 'C_170',
};

/**
 * The "Other" line of a function not reported on its own, by its DCB0028 group. Paediatric functions sit in
 * the 2xx codes plus 171, 321 and 420; mental health in the 7xx; surgical in the rest of the 1xx; medical in
 * the rest of the 3xx and 4xx; the others (5xx–6xx, 8xx–9xx: obstetrics, oncology, diagnostics…) in X06.
 */
function otherLine(code: number): string {
  if ((code >= 200 && code < 300) || code === 171 || code === 321 || code === 420) return 'X04';
  if (code >= 700 && code < 800) return 'X03';
  if (code >= 100 && code < 200) return 'X05';
  if (code >= 300 && code < 500) return 'X02';
  return 'X06';
}

// Service names as referrals write them, for the common specialties; a code (`320`) is always understood.
const codeOfName: Record<string, string> = {
  'general surgery': '100',
  urology: '101',
  'breast surgery': '103',
  'colorectal surgery': '104',
  'vascular surgery': '107',
  'spinal surgery': '108',
  'trauma and orthopaedics': '110',
  'elective orthopaedics': '111',
  orthopaedics: '111',
  'ear nose and throat': '120',
  ent: '120',
  ophthalmology: '130',
  'oral surgery': '140',
  'oral and maxillofacial surgery': '145',
  neurosurgery: '150',
  'plastic surgery': '160',
  'cardiothoracic surgery': '170',
  'paediatric surgery': '171',
  'cardiac surgery': '172',
  'thoracic surgery': '173',
  'general internal medicine': '300',
  'general medicine': '300',
  gastroenterology: '301',
  endocrinology: '302',
  'clinical haematology': '303',
  haematology: '303',
  hepatology: '306',
  diabetes: '307',
  cardiology: '320',
  'paediatric cardiology': '321',
  dermatology: '330',
  'respiratory medicine': '340',
  'thoracic medicine': '340',
  'infectious diseases': '350',
  'renal medicine': '361',
  nephrology: '361',
  'medical oncology': '370',
  neurology: '400',
  rheumatology: '410',
  paediatrics: '420',
  'elderly medicine': '430',
  'geriatric medicine': '430',
  obstetrics: '501',
  gynaecology: '502',
  'adult mental illness': '710',
  'child and adolescent psychiatry': '711',
  'old age psychiatry': '715',
  'clinical oncology': '800',
};

function normalised(specialty: string): string {
  return specialty
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bservice\b/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The DCB0028 code of a referral's specialty (`Cardiology` or `320` → `320`), or null when it is not known. */
export function treatmentFunctionCode(specialty: string): string | null {
  const trimmed = specialty.trim();
  if (/^\d{3}$/.test(trimmed)) return trimmed;
  return codeOfName[normalised(trimmed)] ?? null;
}

/**
 * The return line a specialty is counted on. A specialty with no known code is counted under `X06` (Other –
 * Other Services) rather than dropped: the return's total must hold every pathway.
 */
export function returnLineOf(specialty: string): string {
  const code = treatmentFunctionCode(specialty);
  if (code === null) return 'X06';
  return ownLine[code] ?? otherLine(Number(code));
}
