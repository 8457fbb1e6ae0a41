import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The monorepo root: the nearest folder above this module whose package.json declares npm workspaces.
 * Found from the module's own location rather than process.cwd(), because the tools are run from the root
 * (`npm run db`), from a subgraph folder (`npm run generate`), and from src under jest as well as from dist.
 */
export function repoRoot(): string {
  if (cached) return cached;
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (declaresWorkspaces(path.join(dir, 'package.json'))) return (cached = dir);
    if (path.dirname(dir) === dir) throw new Error(`No package.json declaring "workspaces" above ${start}.`);
  }
}

function declaresWorkspaces(packageJson: string): boolean {
  if (!existsSync(packageJson)) return false;
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as Record<string, unknown>;
  return 'workspaces' in manifest;
}
