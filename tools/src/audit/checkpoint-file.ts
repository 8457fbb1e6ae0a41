import { readFile, rename, writeFile } from 'node:fs/promises';
import type { ChainPoint } from './chain-check.js';

/*
 * A checkpoint is the chain head as last verified, kept outside the database (another machine, write-once
 * storage). The chain alone cannot show that its newest rows were cut off together with the head being moved
 * back; a checkpoint can, because the row it names must still be there with the same hash.
 */

export async function readCheckpoint(file: string): Promise<ChainPoint | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as { seq?: unknown; hash?: unknown };
  if (
    typeof parsed.seq !== 'string' ||
    !/^\d+$/.test(parsed.seq) ||
    typeof parsed.hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(parsed.hash)
  ) {
    throw new Error(`${file} is not a security log checkpoint ({"seq": "<digits>", "hash": "<64 hex>"}).`);
  }
  return { seq: BigInt(parsed.seq), hash: Buffer.from(parsed.hash, 'hex') };
}

export async function writeCheckpoint(file: string, point: ChainPoint, verifiedAt: Date): Promise<void> {
  const text = `${JSON.stringify({ seq: point.seq.toString(), hash: point.hash.toString('hex'), verifiedAt: verifiedAt.toISOString() }, null, 2)}\n`;
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}
