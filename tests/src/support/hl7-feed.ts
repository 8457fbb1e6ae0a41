import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@epr/tools/db/repo-root';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the repo's built tools (`tools/dist/...`) as its npm script would, and waits for it to end. */
export function runTool(script: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot(), 'tools/dist', script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A scratch folder for feed files and dead-letter files. */
export function scratchDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'epr-hl7-'));
}

/** Writes messages (segments joined by newlines, as a PAS export would) to a file, one blank line apart. */
export async function feedFile(dir: string, name: string, messages: string[][]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, messages.map((segments) => segments.join('\n')).join('\n\n') + '\n');
  return file;
}

/** An MSH segment for the test feed's PAS, with the given event and control id. */
export function msh(event: string, controlId: string, structure = 'ADT_A01'): string {
  return `MSH|^~\\&|TEST-PAS|RX1|EPR|RX1|20261201080000||ADT^${event}^${structure}|${controlId}|P|2.4`;
}

/** A PV1 segment: the ward (PV1-3), visit number (PV1-19), admit and discharge times (PV1-44, PV1-45). */
export function pv1(visit: { ward: string; visitNumber?: string; admittedAt?: string; dischargedAt?: string }): string {
  const fields = Array<string>(46).fill('');
  fields[0] = 'PV1';
  fields[1] = '1';
  fields[2] = 'I';
  fields[3] = visit.ward;
  fields[19] = visit.visitNumber ?? '';
  fields[44] = visit.admittedAt ?? '';
  fields[45] = visit.dischargedAt ?? '';
  return fields.join('|').replace(/\|+$/, '');
}
