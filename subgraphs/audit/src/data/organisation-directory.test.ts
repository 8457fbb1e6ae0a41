import { describe, expect, test } from '@jest/globals';
import { ServiceCallError, ServiceClient } from '@epr/platform';
import { ORGANISATION_NAME_TTL_MS, OrganisationDirectory } from './organisation-directory.js';

/** A directory that knows the organisations in `names` and keeps the questions it is asked. */
function fakeDirectory(names: Record<string, string>) {
  const asked: string[][] = [];
  let failWith: Error | undefined;
  const request = async <T>(_target: string, _query: string, variables: Record<string, unknown>): Promise<T> => {
    if (failWith) throw failWith;
    const odsCodes = variables['odsCodes'] as string[];
    asked.push(odsCodes);
    return { _organisationNames: odsCodes.map((code) => names[code] ?? null) } as T;
  };
  // The real ServiceClient.ask over this request: how an unreachable directory becomes SERVICE_UNAVAILABLE is its.
  const client = { ask: ServiceClient.prototype.ask.bind({ request } as unknown as ServiceClient) };
  return { client, asked, fail: (error: Error) => (failWith = error) };
}

describe('organisation names for the access log', () => {
  test('asks once for the codes it does not know, in the order given, and remembers the answers', async () => {
    const directory = fakeDirectory({ RX1: 'Northfield', A81001: 'Riverside Surgery' });
    const names = new OrganisationDirectory(directory.client, () => 0);
    expect(await names.namesOf(['RX1', 'A81001', 'RX1'], 'r1')).toEqual(['Northfield', 'Riverside Surgery', 'Northfield']);
    expect(await names.namesOf(['A81001', 'GONE1'], 'r2')).toEqual(['Riverside Surgery', null]);
    expect(await names.namesOf(['GONE1', 'RX1'], 'r3')).toEqual([null, 'Northfield']);
    // One question per code ever, duplicates asked once; an unknown code is remembered as unknown too.
    expect(directory.asked).toEqual([['RX1', 'A81001'], ['GONE1']]);
  });

  test('asks at most 100 codes a call (what the directory takes), however many a page names', async () => {
    const codes = Array.from({ length: 250 }, (_, i) => `ORG${i}`);
    const directory = fakeDirectory(Object.fromEntries(codes.map((code) => [code, `Organisation ${code}`])));
    const names = new OrganisationDirectory(directory.client, () => 0);
    expect(await names.namesOf(codes, 'r1')).toEqual(codes.map((code) => `Organisation ${code}`));
    expect(directory.asked.map((asked) => asked.length)).toEqual([100, 100, 50]);
  });

  test('a rename shows once the remembered name has expired', async () => {
    let now = 1_000;
    const known = { RX1: 'Northfield' };
    const directory = fakeDirectory(known);
    const names = new OrganisationDirectory(directory.client, () => now);
    expect(await names.namesOf(['RX1'], 'r1')).toEqual(['Northfield']);
    known.RX1 = 'Northfield and Riverside';
    now += ORGANISATION_NAME_TTL_MS - 1;
    expect(await names.namesOf(['RX1'], 'r2')).toEqual(['Northfield']);
    now += 1;
    expect(await names.namesOf(['RX1'], 'r3')).toEqual(['Northfield and Riverside']);
  });

  test('an unreachable directory is SERVICE_UNAVAILABLE (try again); a refusal is passed on as it came', async () => {
    const directory = fakeDirectory({ RX1: 'Northfield' });
    const names = new OrganisationDirectory(directory.client, () => 0);
    directory.fail(new ServiceCallError('patient unreachable', true));
    await expect(names.namesOf(['RX1'], 'r1')).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    directory.fail(new ServiceCallError('patient refused', false));
    await expect(names.namesOf(['RX1'], 'r2')).rejects.toThrow('patient refused');
  });
});
