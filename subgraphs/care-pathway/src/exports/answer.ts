import type http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Options } from 'csv-stringify';
import type { SubgraphContext } from '@epr/platform';
import type { Context } from '../context.js';
import { csvWriter, downloadHeaders } from './csv.js';

/** What an export route gets: the request's services, and the audit trail to commit before data leaves. */
export type ExportContext = Context & Pick<SubgraphContext, 'audit'>;

/**
 * A small answer (a report's figures): its access records are committed first, so nothing leaves unrecorded
 * and a log that cannot be written is a 503 instead.
 */
export async function sendRecorded(
  res: http.ServerResponse,
  context: ExportContext,
  headers: Record<string, string>,
  body: string,
): Promise<void> {
  await context.audit.commit();
  res.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** A small CSV file from rows already in memory, after its access records are committed. */
export async function sendCsv(
  res: http.ServerResponse,
  context: ExportContext,
  filename: string,
  columns: Options['columns'],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  await context.audit.commit();
  res.writeHead(200, downloadHeaders('text/csv; charset=utf-8', filename));
  await pipeline(Readable.from(rows), csvWriter(columns), res);
}
