import { readFileSync } from 'node:fs';
import { loadPolicy, type Policy } from './policy-document.js';

/**
 * The policy in force: the file named by POLICY_FILE, or the baseline shipped with this package
 * (policy/baseline.json). Loaded once per process.
 */
export function policyFromEnvironment(env: NodeJS.ProcessEnv = process.env): Policy {
  const file = env['POLICY_FILE'] ?? new URL('../policy/baseline.json', import.meta.url);
  return loadPolicy(JSON.parse(readFileSync(file, 'utf8')));
}
