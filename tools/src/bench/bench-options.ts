import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { sharedHostWorkers } from '@epr/platform';

export interface GatewayVariant {
  label: string;
  env: Record<string, string>;
}

export interface BenchOptions {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** The offered load for the latency target (requests per second). */
  targetRate: number;
  /** Synthetic patients added to the demo data. */
  patients: number;
  /** Our gateway's processes in the main runs. */
  workers: number;
  /** Interleaved rounds of each comparison (gateways, hop, rules + audit). */
  rounds: number;
  peers: boolean;
  switches: boolean;
  /** Extra runs of our gateway on the patient summary with other settings, for tuning. */
  variants: GatewayVariant[];
  outDir?: string;
}

export const usage = `npm run bench [-- options]

  --seconds N       measured seconds per run (10)          --warmup N      warm-up seconds per run (3)
  --connections N   concurrent connections (32)             --rate N        offered req/s for the latency target (300)
  --patients N      synthetic patients to seed (20000)      --workers N     our gateway's processes (its default here)
  --rounds N        interleaved rounds per comparison (3)
  --no-peers        skip stock @apollo/gateway and Hive Gateway
  --no-switches     skip the rules + audit on/off runs
  --variant 'label:ENV=V,ENV=V'   also run our gateway with these settings (repeatable)
  --out DIR         where to write the results (.data/bench)`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '32' },
      rate: { type: 'string', default: '300' },
      patients: { type: 'string', default: '20000' },
      workers: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      'no-peers': { type: 'boolean', default: false },
      'no-switches': { type: 'boolean', default: false },
      variant: { type: 'string', multiple: true, default: [] },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return {
    seconds: count(values.seconds, '--seconds', 1),
    warmupSeconds: count(values.warmup, '--warmup', 0),
    connections: count(values.connections, '--connections', 1),
    targetRate: count(values.rate, '--rate', 1),
    patients: Math.min(count(values.patients, '--patients', 0), 899_999),
    // What an operator gets without setting GATEWAY_WORKERS, so the headline figures are the default's.
    workers: values.workers === undefined ? sharedHostWorkers(availableParallelism()) : count(values.workers, '--workers', 1),
    rounds: count(values.rounds, '--rounds', 1),
    peers: !values['no-peers'],
    switches: !values['no-switches'],
    variants: values.variant.map(parseVariant),
    ...(values.out ? { outDir: values.out } : {}),
  };
}

function count(text: string, flag: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`${flag} must be a whole number of at least ${min}; it is "${text}".`);
  return value;
}

function parseVariant(text: string): GatewayVariant {
  const match = /^([^:]+):(.+)$/.exec(text);
  if (!match) throw new Error(`--variant must look like 'label:ENV=VALUE,ENV=VALUE'; it is "${text}".`);
  const env: Record<string, string> = {};
  for (const pair of match[2]!.split(',')) {
    const [name, value] = pair.split('=');
    if (!name || value === undefined) throw new Error(`--variant ${text}: "${pair}" is not ENV=VALUE.`);
    env[name.trim()] = value.trim();
  }
  return { label: match[1]!, env };
}
