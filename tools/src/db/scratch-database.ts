import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { connectClient } from './pg-client.js';

export interface ScratchDatabase {
  url: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty, uniquely named database on the server behind `serverUrl` (tests, and the replay of existing
 * migrations when a new one is created). Needs the CREATEDB privilege; DROP ... WITH (FORCE) needs PostgreSQL 13+.
 */
export async function createScratchDatabase(serverUrl: string, purpose: string): Promise<ScratchDatabase> {
  const name = `scratch_${purpose}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, async (client) => {
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } catch (error) {
      throw new Error(`Could not create the scratch database ${name}: ${(error as Error).message}`, { cause: error });
    }
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      onServer(serverUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}

async function onServer(serverUrl: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = await connectClient(serverUrl, 'epr-scratch-database');
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
