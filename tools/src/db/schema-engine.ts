import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createMigrationAdapter } from './migration-adapter.js';

/*
 * Prisma's schema engine (what `prisma migrate dev` uses to work out a migration), as WebAssembly: Prisma's native
 * engine binaries cannot be downloaded here. @prisma/schema-engine-wasm must come from the same engine line as the
 * installed prisma (prisma 7.10.1 is built on engines 8.1.0-1.d1b3f377; that exact build is not published, so the
 * next one, 8.1.0-2.59be4fda, is pinned). It talks to PostgreSQL through a driver adapter (migration-adapter.ts).
 */

type SchemaEngineClass = typeof SchemaEngine;

// The tools compile without the DOM lib, where TypeScript declares WebAssembly; this is the part used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
};

let engineClass: Promise<SchemaEngineClass> | undefined;
let lastPanic: string | undefined;

/**
 * The package is generated for bundlers (`import * as wasm from "./schema_engine_bg.wasm"`), which Node 20 cannot
 * import, so instantiate the .wasm here and hand it to the generated glue, as Prisma's CLI does. Only once per
 * process: the glue keeps the instance in module state.
 */
function loadSchemaEngine(): Promise<SchemaEngineClass> {
  engineClass ??= (async () => {
    // The engine reports the reason for a Rust panic here; without it a panic is only "RuntimeError: unreachable".
    Object.assign(globalThis, { PRISMA_WASM_PANIC_REGISTRY: { set_message: (message: string) => (lastPanic = message) } });
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasm = new WebAssembly.Module(await readFile(gluePath.replace(/\.js$/, '.wasm')));
    const instance = new WebAssembly.Instance(wasm, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports['__wbindgen_start'] as () => void)();
    return glue.SchemaEngine;
  })();
  return engineClass;
}

/** Runs `work` with a schema engine connected to `databaseUrl`, looking at the Postgres schema `postgresSchema`. */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  postgresSchema: string,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const Engine = await loadSchemaEngine();
  const adapter = createMigrationAdapter(databaseUrl, postgresSchema);
  let engine: SchemaEngine | undefined;
  try {
    // The engine's tracing log is not useful to someone creating a migration; its errors come back as rejections.
    engine = await Engine.new({ datamodels: undefined }, () => undefined, bindMigrationAwareSqlAdapterFactory(adapter.factory));
    return await work(engine);
  } catch (error) {
    throw engineError(error);
  } finally {
    engine?.free();
    await adapter.close();
  }
}

function engineError(error: unknown): Error {
  if (lastPanic !== undefined) {
    return new Error(`Prisma's schema engine crashed: ${lastPanic}`, { cause: error });
  }
  if (error instanceof Error) {
    // The engine appends a span trace ("   0: sql_schema_connector::...") to its messages; keep the sentence.
    const [sentence = error.message] = error.message.split(/\n\s+0: /);
    return new Error(`Prisma's schema engine failed: ${sentence.trim()}`, { cause: error });
  }
  return new Error(`Prisma's schema engine failed: ${JSON.stringify(error)}`);
}
