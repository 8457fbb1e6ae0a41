import { sha256, TrustedDocuments } from './trusted-documents.js';

const body = 'query WhoAmI { me { displayName } }';
const manifest = (operations: unknown[]) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations });

describe('a trusted documents manifest', () => {
  test('documents are found by id, with or without the sha256: prefix, and by their exact text', () => {
    const trusted = TrustedDocuments.fromManifest(manifest([{ id: sha256(body), name: 'WhoAmI', type: 'query', body }]), 'm.json');
    expect(trusted.body(sha256(body))).toBe(body);
    expect(trusted.body(`sha256:${sha256(body)}`)).toBe(body);
    expect(trusted.body(sha256('{ me { userId } }'))).toBeUndefined();
    expect(trusted.trusts(body)).toBe(true);
    expect(trusted.trusts(`${body} `)).toBe(false);
  });

  test('a plain map of ids to documents: found by its ids and by its exact text', () => {
    const trusted = TrustedDocuments.fromManifest({ whoAmI: body }, 'documents.json');
    expect(trusted.body('whoAmI')).toBe(body);
    expect(trusted.body(sha256(body))).toBe(body);
    expect(trusted.trusts(body)).toBe(true);
    expect(() => TrustedDocuments.fromManifest({ whoAmI: 42 }, 'documents.json')).toThrow(/"whoAmI" must be a string/);
  });

  test.each([
    [[], /persisted query manifest or a map/],
    [{ format: 'other', version: 1, operations: [] }, /not a persisted query manifest/],
    [{ format: 'apollo-persisted-query-manifest', version: 2, operations: [] }, /not a persisted query manifest/],
    [manifest([{ id: sha256(body) }]), /operations\[0\] needs a string "id" and "body"/],
    [manifest([{ id: sha256('{ me { userId } }'), body }]), /operations\[0\].id is not the SHA-256 of its body/],
  ])('a manifest that cannot be trusted stops the gateway: %#', (given, message) => {
    expect(() => TrustedDocuments.fromManifest(given, 'm.json')).toThrow(message);
  });
});
