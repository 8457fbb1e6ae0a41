import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot } from './repo-root.js';

describe('repoRoot', () => {
  it('finds the folder holding turbo.json from deep inside the repository', () => {
    const root = repoRoot();

    expect(repoRoot(join(root, 'tools', 'dist', 'dev-issuer'))).toBe(root);
  });

  it('says so when run outside any repository', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'epr-no-repo-'));

    expect(() => repoRoot(outside)).toThrow(/No turbo.json above/);
  });
});
