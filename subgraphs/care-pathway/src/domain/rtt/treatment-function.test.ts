import { returnLineOf, returnLines, treatmentFunctionCode } from './treatment-function.js';

// Treatment functions of the monthly return (PRN01045 v5.0, 10.1.4).

describe('a referral’s specialty as a treatment function', () => {
  test.each([
    ['Cardiology', '320'],
    ['cardiology service', '320'],
    ['Trauma & Orthopaedics', '110'],
    ['Ear, Nose and Throat', '120'],
    ['Geriatric Medicine', '430'],
    ['  502 ', '502'],
    ['Aromatherapy', null],
  ])('%s is %s', (specialty, code) => {
    expect(treatmentFunctionCode(specialty)).toBe(code);
  });
});

describe('the line of the return a specialty is counted on', () => {
  test('the 18 functions reported on their own have their own line', () => {
    expect(returnLineOf('Cardiology')).toBe('C_320');
    expect(returnLineOf('Gynaecology')).toBe('C_502');
    expect(returnLines.filter((line) => line.code.startsWith('C_'))).toHaveLength(18);
  });

  test('the guidance’s exceptions are folded into their parent functions', () => {
    expect(['108', '111', '115', 'Elective Orthopaedics'].map(returnLineOf)).toEqual(['C_110', 'C_110', 'C_110', 'C_110']);
    expect(['144', 'Oral and Maxillofacial Surgery'].map(returnLineOf)).toEqual(['C_140', 'C_140']);
    expect(['172', '173'].map(returnLineOf)).toEqual(['C_170', 'C_170']);
  });

  test('other functions go to the "Other" line of their group', () => {
    expect(returnLineOf('Endocrinology')).toBe('X02'); // 302, medical
    expect(returnLineOf('Old Age Psychiatry')).toBe('X03'); // 715, mental health
    expect(['Paediatrics', 'Paediatric Cardiology', 'Paediatric Surgery', '214'].map(returnLineOf)).toEqual(['X04', 'X04', 'X04', 'X04']);
    expect(returnLineOf('Vascular Surgery')).toBe('X05'); // 107, surgical
    expect(['Obstetrics', 'Clinical Oncology'].map(returnLineOf)).toEqual(['X06', 'X06']);
  });

  test('a specialty with no known function is still counted, under Other – Other Services', () => {
    expect(returnLineOf('Aromatherapy')).toBe('X06');
  });
});
