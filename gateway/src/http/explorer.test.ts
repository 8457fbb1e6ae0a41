import { describe, expect, test } from '@jest/globals';
import { readExplorerSwitch } from './explorer.js';

describe('GATEWAY_EXPLORER', () => {
  test.each([
    [{}, true],
    [{ NODE_ENV: 'development' }, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', GATEWAY_EXPLORER: '1' }, true],
    [{ NODE_ENV: 'development', GATEWAY_EXPLORER: '0' }, false],
    [{ NODE_ENV: 'production', GATEWAY_EXPLORER: '' }, false],
  ])('%j → %s', (env, on) => {
    expect(readExplorerSwitch(env)).toBe(on);
  });

  test('anything but 1 or 0 is an error', () => {
    expect(() => readExplorerSwitch({ GATEWAY_EXPLORER: 'true' })).toThrow(
      'GATEWAY_EXPLORER must be 1 (explorer and introspection on) or 0 (off); it is "true".',
    );
  });
});
