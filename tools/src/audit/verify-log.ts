import { ChainChecker, type ChainFinding, type ChainPoint } from './chain-check.js';
import { readChain } from './read-chain.js';

export interface VerifyReport {
  events: number;
  head: ChainPoint;
  findings: ChainFinding[];
}

/**
 * Checks the security log in `databaseUrl` against `key`: all of it, and the checkpoint's row if one is given;
 * or, `fromCheckpoint`, only from the checkpoint's row on (the rows before it were verified when it was taken).
 */
export async function verifySecurityLog(
  databaseUrl: string,
  key: Buffer,
  checkpoint?: ChainPoint,
  fromCheckpoint = false,
): Promise<VerifyReport> {
  let checker: ChainChecker | undefined;
  let head: ChainPoint | undefined;
  await readChain(
    databaseUrl,
    checkpoint && fromCheckpoint ? checkpoint.seq : null,
    (chainHead) => {
      head = chainHead;
      checker = new ChainChecker(key, chainHead, checkpoint, fromCheckpoint);
    },
    (event) => checker!.push(event),
  );
  return { events: checker!.events, head: head!, findings: checker!.finish() };
}
