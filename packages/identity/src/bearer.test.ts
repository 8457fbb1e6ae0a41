import { describe, expect, it } from '@jest/globals';
import { parseBearer } from './bearer.js';
import { SessionTokenError } from './session-token-error.js';

function reasonFor(header: string | undefined): string {
  try {
    return `token ${parseBearer(header)}`;
  } catch (error) {
    if (error instanceof SessionTokenError) return error.reason;
    throw error;
  }
}

describe('parseBearer', () => {
  it('returns the token of a Bearer header', () => {
    expect(parseBearer('Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1In0.c2ln')).toBe('eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1In0.c2ln');
  });

  it('treats the scheme case-insensitively and tolerates surrounding space', () => {
    expect(parseBearer('  bearer   abc.def.ghi ')).toBe('abc.def.ghi');
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['   ', 'missing'],
    ['Bearer', 'malformed'],
    ['Bearer ', 'malformed'],
    ['Basic dXNlcjpwYXNz', 'malformed'],
    ['Bearer two tokens', 'malformed'],
    ['Bearer abc,def', 'malformed'],
  ])('refuses %p as %s', (header, reason) => {
    expect(reasonFor(header)).toBe(reason);
  });
});
