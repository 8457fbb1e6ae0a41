import { readFileSync } from 'node:fs';
import type { TestStackState } from '@epr/tools/stack/test-stack';

export function stackState(): TestStackState {
  const file = process.env['EPR_TEST_STACK'];
  if (!file) throw new Error('EPR_TEST_STACK is not set: run integration tests with `npm run test:integration`.');
  return JSON.parse(readFileSync(file, 'utf8')) as TestStackState;
}
