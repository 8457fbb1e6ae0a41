import { describe, expect, test } from '@jest/globals';
import { readCorsOrigins } from './cors.js';

describe('GATEWAY_CORS_ORIGINS', () => {
  test('lists origins as browsers send them: no trailing slash, lower case, default port dropped', () => {
    expect(
      readCorsOrigins({ GATEWAY_CORS_ORIGINS: ' https://Portal.Example.nhs.uk/ ,http://localhost:5173,https://a.example:443' }),
    ).toEqual(['https://portal.example.nhs.uk', 'http://localhost:5173', 'https://a.example']);
  });

  test('unset or empty: no origin', () => {
    expect(readCorsOrigins({})).toEqual([]);
    expect(readCorsOrigins({ GATEWAY_CORS_ORIGINS: ' , ' })).toEqual([]);
  });

  test.each([
    '*',
    'portal.example.nhs.uk',
    'https://portal.example.nhs.uk/app',
    'https://portal.example.nhs.uk?x=1',
    'ftp://files.example',
    'https://user:pw@a.example',
  ])('%s is refused', (value) => {
    expect(() => readCorsOrigins({ GATEWAY_CORS_ORIGINS: value })).toThrow(/GATEWAY_CORS_ORIGINS/);
  });
});
