import { Hl7Context } from '@medplum/core';
import { AdtRejection, parseAdt } from './adt-event.js';
import { escapeText, hl7Instant, unescapeText } from './hl7-values.js';
import { splitMessages } from './message-stream.js';

const msh = (event: string, id = 'C1') => `MSH|^~\\&|PAS|RX1|EPR|RX1|20260601120000||ADT^${event}^ADT_A01|${id}|P|2.4`;

describe('splitting a feed file into messages', () => {
  test('blank lines, CRLF or CR segment ends, a new MSH without a blank line, and # comments', () => {
    const file = `# exported 1 June\r\n${msh('A28', '1')}\r\nPID|1\r\n\r\n${msh('A28', '2')}\nPID|2\n${msh('A28', '3')}\rPID|3\r`;
    expect(splitMessages(file)).toEqual([
      { text: `${msh('A28', '1')}\rPID|1`, line: 2 },
      { text: `${msh('A28', '2')}\rPID|2`, line: 5 },
      { text: `${msh('A28', '3')}\rPID|3`, line: 7 },
    ]);
  });

  test('MLLP framing', () => {
    const framed = `\u000b${msh('A28', '1')}\rPID|1\r\u001c\r\u000b${msh('A28', '2')}\rPID|2\u001c\r`;
    expect(splitMessages(framed).map((m) => m.text)).toEqual([`${msh('A28', '1')}\rPID|1`, `${msh('A28', '2')}\rPID|2`]);
  });
});

describe('HL7 values', () => {
  test('timestamps without an offset are UK local time: GMT in winter, BST in summer', () => {
    expect(hl7Instant('20261201083000')).toBe('2026-12-01T08:30:00.000Z');
    expect(hl7Instant('20260601083000')).toBe('2026-06-01T07:30:00.000Z');
    expect(hl7Instant('202606010830+0200')).toBe('2026-06-01T06:30:00.000Z');
    expect(hl7Instant('')).toBeNull();
    expect(() => hl7Instant('2026-06-01')).toThrow(/not an HL7 timestamp/);
  });

  test('escape sequences both ways', () => {
    const context = new Hl7Context();
    expect(unescapeText('Smith\\T\\Jones \\F\\ \\S\\ \\E\\', context)).toBe('Smith&Jones | ^ \\');
    expect(escapeText('a|b^c&d~e\\f\r\ng', context)).toBe('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f g');
  });
});

describe('an ADT message in the record’s terms', () => {
  test('PID-3 NHS number and hospital numbers, names, sex, address, GP practice, visit', () => {
    const { event } = parseAdt(
      [
        msh('A01'),
        'EVN|A01|20261201090000',
        'PID|1||9990000018^^^NHS^NH~RX1-0042317^^^RX1^MR~X9^^^OTHER^PI||Bennett^Olivia^Mary^^Mrs||19540312|F|||4 Mill Lane^^Northfield^^LS6 2AB||0113 496 0001',
        'PD1|||Riverside^^A81001',
        'PV1|1|I|AMU^BAY2^BED4||||||||||||||||V1',
      ].join('\r'),
    );
    expect(event).toMatchObject({
      sender: 'PAS^RX1',
      controlId: 'C1',
      type: 'ADT^A01',
      identifiers: { nhsNumber: '9990000018', local: [{ organisation: 'RX1', value: 'RX1-0042317' }] },
      person: {
        givenName: 'Olivia Mary',
        familyName: 'Bennett',
        birthDate: '1954-03-12',
        sex: 'FEMALE',
        address: { lines: ['4 Mill Lane', 'Northfield'], postcode: 'LS6 2AB' },
        telephone: '0113 496 0001',
        registeredGpPractice: 'A81001',
      },
      visit: { ward: 'AMU', visitNumber: 'V1', admittedAt: null },
      eventTime: '2026-12-01T09:00:00.000Z',
    });
  });

  test.each([
    ['no MSH', 'PID|1', 'AR', '100'],
    ['no control id', `${msh('A28', '')}\rPID|1||1^^^RX1^MR||A^B||19700101`, 'AR', '101'],
    ['an event the feed does not take', `${msh('A05')}\rPID|1||1^^^RX1^MR||A^B||19700101`, 'AR', '201'],
    ['no identifier it knows', `${msh('A28')}\rPID|1||1^^^X^PI||A^B||19700101`, 'AE', '101'],
    ['no given name', `${msh('A28')}\rPID|1||1^^^RX1^MR||A||19700101`, 'AE', '101'],
    ['an A40 without MRG', `${msh('A40')}\rPID|1||1^^^RX1^MR||A^B||19700101`, 'AR', '100'],
  ])('%s is rejected', (_label, text, ack, errorCode) => {
    const rejection = (() => {
      try {
        parseAdt(text);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(rejection).toBeInstanceOf(AdtRejection);
    expect(rejection).toMatchObject({ ack, errorCode });
  });
});
