import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '@epr/tools/db/repo-root';
import { graphql } from './support/gateway-client.js';
import { stackState } from './support/stack-state.js';
import { feedFile, msh, pv1, runTool, scratchDir } from './support/hl7-feed.js';
import { tokenOf } from './support/people.js';

/*
 * `npm run -s import:hl7`: HL7 v2 ADT files applied through the gateway as the interface engine — the sample
 * feed (registration, admission, update, discharge, merge), a file sent twice, and the messages it must refuse.
 */
const engine = () => tokenOf('engine');
const importFeed = async (files: string[], extra: string[] = [], token?: string) =>
  runTool('hl7/import.js', ['--url', stackState().gatewayUrl, '--token', token ?? (await engine()), ...extra, ...files]);

async function asClerk<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { body } = await graphql<T>(query, { token: await tokenOf('clerk'), variables });
  expect(body.errors).toBeUndefined();
  return body.data!;
}

// Each test starts the importer as its own Node process (as `npm run import:hl7` does), more than once.
const processTimeout = 60_000;

describe('importing an ADT file', () => {
  const sample = join(repoRoot(), 'docs/samples/adt-feed.hl7');

  test(
    'the sample feed: registered, admitted, updated, discharged, merged; sent again, all duplicates',
    async () => {
      const first = await importFeed([sample]);
      expect(first.stdout).toMatch(/^7 accepted, 0 duplicates, 0 rejected \(7 messages in [\d.]+ s\)\n$/);
      expect(first.code).toBe(0);

      const { patientByNhsNumber: zara } = await asClerk<{ patientByNhsNumber: Record<string, any> }>(
        `{ patientByNhsNumber(nhsNumber: "9990010005") {
          id name { given family } address { lines postcode } registeredGpPractice { odsCode }
          localIdentifiers { organisation { odsCode } value }
          admissions { ward visitNumber admittedAt dischargedAt organisation { odsCode } }
          mergedFrom { id } } }`,
      );
      expect(zara).toMatchObject({
        name: { given: 'Zara Adaeze', family: 'Okoye' },
        // The A08 of 2 December changed the address.
        address: { lines: ['3 Mill Yard', 'Northfield'], postcode: 'LS6 2AB' },
        registeredGpPractice: { odsCode: 'A81001' },
        admissions: [
          {
            ward: 'AMU',
            visitNumber: 'V20261201-17',
            // PV1-44/45 carry no offset: UK local time, GMT in December.
            admittedAt: '2026-12-01T08:30:00.000Z',
            dischargedAt: '2026-12-03T14:30:00.000Z',
            organisation: { odsCode: 'RX1' },
          },
        ],
      });
      expect(zara['localIdentifiers'].map((l: { value: string }) => l.value).sort()).toEqual(['RX1-0090001', 'RX1-ED-200001']);
      expect(zara['mergedFrom']).toHaveLength(1);
      const { patientByLocalIdentifier: edRecord } = await asClerk<{ patientByLocalIdentifier: { id: string } }>(
        `{ patientByLocalIdentifier(organisation: "RX1", value: "RX1-ED-200001") { id } }`,
      );
      expect(edRecord.id).toBe(zara['id']);

      const again = await importFeed([sample]);
      expect(again.stdout).toMatch(/^0 accepted, 7 duplicates, 0 rejected/);
      expect(again.code).toBe(0);
      const { patientByNhsNumber: unchanged } = await asClerk<{ patientByNhsNumber: { admissions: unknown[] } }>(
        `{ patientByNhsNumber(nhsNumber: "9990010005") { admissions { id } } }`,
      );
      expect(unchanged.admissions).toHaveLength(1);
    },
    processTimeout,
  );

  test(
    'malformed, invalid and unknown messages are rejected with their reasons in the dead-letter file; exit 1',
    async () => {
      const dir = await scratchDir();
      const run = Date.now();
      const file = await feedFile(dir, 'mixed.hl7', [
        [msh('A28', `G-${run}`), `PID|1||RX1-T${run}^^^RX1^MR||Goodman^Gail||19700101|F`],
        [msh('A28', `N-${run}`), `PID|1||9990000019^^^NHS^NH||Checksum^Colin||19700101|M`],
        ['PID|1||nothing before me'],
        [msh('A28', ''), `PID|1||RX1-X${run}^^^RX1^MR||Nocontrol^Nina||19700101|F`],
        [msh('A05', `U-${run}`), `PID|1||RX1-Y${run}^^^RX1^MR||Preadmit^Pat||19700101|F`],
        [msh('A03', `D-${run}`), 'EVN|A03|20261201080000', `PID|1||RX1-Z${run}^^^RX1^MR||Nobody^Known||19700101|F`, pv1({ ward: 'AMU' })],
        [msh('A28', `B-${run}`), `PID|1||RX1-B${run}^^^RX1^MR||Badbirth^Bea||1970-01-01|F`],
      ]);
      const deadLetter = join(dir, 'dead.hl7');
      const result = await importFeed([file], ['--dead-letter', deadLetter]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        new RegExp(`^1 accepted, 0 duplicates, 6 rejected; rejected messages and their reasons in ${deadLetter}`),
      );
      const dead = await readFile(deadLetter, 'utf8');
      const reasons = dead.split('\n').filter((line) => line.startsWith('#'));
      expect(reasons).toEqual([
        expect.stringMatching(/line 4: AE .*check digit.*input\.nhsNumber/),
        expect.stringMatching(/line 7: AR Not an HL7 v2 message/),
        expect.stringMatching(/line 9: AR MSH-10/),
        expect.stringMatching(/line 12: AR ADT\^A05 is not applied here/),
        expect.stringMatching(/line 15: AE The patient named in PID-3 is not in the master patient index/),
        expect.stringMatching(/line 20: AE PID-7: "1970-01-01" is not an HL7 date/),
      ]);
      expect(dead).toContain(`PID|1||9990000019^^^NHS^NH||Checksum^Colin||19700101|M`);

      // Corrected in the dead-letter file (comments and all), the invalid NHS number goes in.
      await writeFile(deadLetter, dead.replace('9990000019', '9990010021'));
      const retried = await importFeed([deadLetter], ['--dead-letter', join(dir, 'dead-again.hl7')]);
      expect(retried.stdout).toMatch(/^1 accepted, 0 duplicates, 5 rejected/);
    },
    processTimeout,
  );

  test(
    'MLLP-framed files are read too; an unknown GP practice does not keep a person out',
    async () => {
      const dir = await scratchDir();
      const run = Date.now();
      const framed = [
        [msh('A28', `F1-${run}`), `PID|1||RX1-F1${run}^^^RX1^MR||Framed^Fay||19800101|F`],
        // A practice the directory does not know: registered all the same, without it.
        [msh('A28', `F2-${run}`), `PID|1||RX1-F2${run}^^^RX1^MR||Framed^Finn||19800102|M`, 'PD1|||Far Away Surgery^^Z99999'],
      ]
        .map((segments) => `\u000b${segments.join('\r')}\u001c\r`)
        .join('');
      const file = join(dir, 'framed.mllp');
      await writeFile(file, framed);
      const result = await importFeed([file]);
      expect(result.stdout).toMatch(/^2 accepted, 0 duplicates, 0 rejected/);
      const { patientByLocalIdentifier: finn } = await asClerk<{ patientByLocalIdentifier: { registeredGpPractice: unknown } }>(
        `query ($value: String!) { patientByLocalIdentifier(organisation: "RX1", value: $value) { registeredGpPractice { odsCode } } }`,
        { value: `RX1-F2${run}` },
      );
      expect(finn).toEqual({ registeredGpPractice: null });
    },
    processTimeout,
  );

  test(
    'an admission by the feed gives the hospital a relationship; a clinician’s session may not feed',
    async () => {
      const registered = await graphql<{ registerPatient: { id: string } }>(
        `
          mutation {
            registerPatient(
              input: {
                nhsNumber: "9990010048"
                givenName: "Adele"
                familyName: "Feedwell"
                birthDate: "1955-05-05"
                registeredGpPractice: "A81001"
              }
            ) {
              id
            }
          }
        `,
        { token: await tokenOf('reception') },
      );
      const patientId = registered.body.data!.registerPatient.id;
      await graphql(
        `
          mutation ($id: ID!) {
            recordProblem(input: { patientId: $id, code: { conceptId: "38341003", term: "Hypertensive disorder" } }) {
              id
            }
          }
        `,
        {
          token: await tokenOf('gp'),
          variables: { id: patientId },
        },
      );
      const problems = async () =>
        (
          await graphql(
            `
              query ($id: ID!) {
                patient(id: $id) {
                  problems {
                    id
                  }
                }
              }
            `,
            {
              token: await tokenOf('consultant'),
              variables: { id: patientId },
            },
          )
        ).body;
      expect((await problems()).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

      const dir = await scratchDir();
      const admission = [
        msh('A01', `ADM-${Date.now()}`),
        'PID|1||9990010048^^^NHS^NH||Feedwell^Adele||19550505|F',
        pv1({ ward: 'AMU^BAY1^BED1', visitNumber: 'V-ADELE', admittedAt: hl7Now() }),
      ];
      const asClinician = await importFeed(
        [await feedFile(dir, 'a01.hl7', [admission])],
        ['--dead-letter', join(dir, 'd1.hl7')],
        await tokenOf('consultant'),
      );
      expect(asClinician.stdout).toMatch(/^0 accepted, 0 duplicates, 1 rejected/);
      expect(await readFile(join(dir, 'd1.hl7'), 'utf8')).toMatch(/AE Refused by the access policy/);
      expect((await problems()).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

      const asEngine = await importFeed([await feedFile(dir, 'a01.hl7', [admission])]);
      expect(asEngine.stdout).toMatch(/^1 accepted/);
      expect((await problems()).errors).toBeUndefined();
    },
    processTimeout,
  );
});

/** Now as an HL7 TS in UTC (with its offset), a minute ago so it is never in the record's future. */
function hl7Now(): string {
  return `${new Date(Date.now() - 60_000).toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;
}
