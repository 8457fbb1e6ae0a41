import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time in ms, idle excluded. */
  busyMs: number;
  /** Self time by where the code comes from: a package in node_modules, our own workspace, node's internals, GC. */
  byOrigin: [string, number][];
  /** Self time by function (name and file), the heaviest first. */
  byFunction: [string, number][];
  /** Total (self + callees) time of the functions that match `inclusive`, by the name given. */
  inclusive: [string, number][];
}

/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and sums its samples: self time by origin (which package) and by
 * function, and the inclusive time of chosen functions (what a flame graph shows as the width of a frame).
 */
export async function summariseCpuProfile(file: string, inclusive: Record<string, RegExp> = {}): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const origin = new Map<string, number>();
  const functions = new Map<string, number>();
  const inclusiveUs = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') continue;
    busyUs += us;
    const where = originOf(node.callFrame.url, name);
    origin.set(where, (origin.get(where) ?? 0) + us);
    const key = `${name || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
    // Inclusive: charge this sample once to every matching frame on its stack.
    const charged = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      for (const [label, pattern] of Object.entries(inclusive)) {
        if (!charged.has(label) && pattern.test(`${frame.functionName} ${frame.url}`)) {
          charged.add(label);
          inclusiveUs.set(label, (inclusiveUs.get(label) ?? 0) + us);
        }
      }
    }
  }
  const ms = (entries: Map<string, number>) => [...entries].map(([k, v]): [string, number] => [k, v / 1000]).sort((a, b) => b[1] - a[1]);
  return { busyMs: busyUs / 1000, byOrigin: ms(origin), byFunction: ms(functions), inclusive: ms(inclusiveUs) };
}

function originOf(url: string, name: string): string {
  if (name === '(garbage collector)') return '(garbage collector)';
  if (!url) return `(native) ${name}`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const workspace = /\/(packages\/[^/]+|subgraphs\/[^/]+|gateway|tools)\//.exec(url);
  return workspace ? `ours: ${workspace[1]}` : url;
}

function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/(packages|subgraphs|gateway|tools)\//, '$1/');
}
