import { mkdtemp, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultOperationLimits } from '@epr/platform';
import { readGatewayConfig, readGatewayWorkers } from './config.js';

const required = {
  SESSION_JWKS_FILE: '/keys/jwks.json',
  SESSION_ISSUER: 'https://issuer.example',
  SESSION_AUDIENCE: 'epr',
  GATEWAY_PRIVATE_JWK_FILE: '/keys/gateway.json',
};

describe('sessions', () => {
  test("the maximum session age is the policy's", () => {
    expect(readGatewayConfig(required).session.maxSessionAgeSeconds).toBe(12 * 3600);
  });
});

describe('gateway performance settings from the environment', () => {
  test('unset: a quarter of the cores (the gateway shares them with the subgraphs), at least one; `auto` means one per core', () => {
    expect(readGatewayWorkers({}, 2)).toBe(1);
    expect(readGatewayWorkers({}, 4)).toBe(1);
    expect(readGatewayWorkers({}, 8)).toBe(2);
    expect(readGatewayWorkers({}, 32)).toBe(8);
    expect(readGatewayWorkers({ GATEWAY_WORKERS: 'auto' }, 8)).toBe(8);
    expect(readGatewayWorkers({ GATEWAY_WORKERS: '2' })).toBe(2);
    expect(readGatewayWorkers({ GATEWAY_WORKERS: 'auto' })).toBe(availableParallelism());
  });

  test('an operator who mistypes a number is told which variable and what it must be', () => {
    expect(() => readGatewayWorkers({ GATEWAY_WORKERS: '0' })).toThrow('GATEWAY_WORKERS must be a whole number of at least 1; it is "0".');
    expect(() => readGatewayConfig({ ...required, GATEWAY_SUBGRAPH_CONNECTIONS: 'many' })).toThrow(
      /GATEWAY_SUBGRAPH_CONNECTIONS must be a whole number/,
    );
  });

  test('only the settings given are taken; the rest keep their measured defaults', () => {
    expect(readGatewayConfig({ ...required, GATEWAY_SUBGRAPH_CONNECTIONS: '16', GATEWAY_COMPRESS_MIN_BYTES: '0' }).tuning).toEqual({
      subgraphConnections: 16,
      compressMinBytes: 0,
    });
  });
});

describe('hardening settings from the environment', () => {
  test('limits, timeouts and rate limits are read with their defaults', () => {
    const config = readGatewayConfig({
      ...required,
      OPERATION_MAX_DEPTH: '8',
      GATEWAY_SUBGRAPH_TIMEOUT_MS: '2500',
      GATEWAY_RATE_LIMITS: 'off',
    });
    expect(config.limits).toEqual({ ...defaultOperationLimits, maxDepth: 8 });
    expect(config.resilience).toEqual({ timeoutMs: 2500 });
    expect(config.rateLimits).toBe('off');
    expect(() => readGatewayConfig({ ...required, OPERATION_MAX_COST: '0' })).toThrow(
      /OPERATION_MAX_COST must be a whole number of at least 1/,
    );
  });

  test('a trusted documents manifest means only its documents run, unless arbitrary ones are allowed', async () => {
    const body = '{ me { displayName } }';
    const file = join(await mkdtemp(join(tmpdir(), 'epr-documents-')), 'documents.json');
    await writeFile(file, JSON.stringify({ whoAmI: body }));
    expect(readGatewayConfig(required).documents?.requireTrusted).toBe(false);
    const trusted = readGatewayConfig({ ...required, GATEWAY_TRUSTED_DOCUMENTS: file }).documents;
    expect(trusted?.requireTrusted).toBe(true);
    expect(trusted?.trusted.body('whoAmI')).toBe(body);
    expect(
      readGatewayConfig({ ...required, GATEWAY_TRUSTED_DOCUMENTS: file, GATEWAY_ALLOW_ARBITRARY_DOCUMENTS: 'true' }).documents
        ?.requireTrusted,
    ).toBe(false);
    expect(() => readGatewayConfig({ ...required, GATEWAY_ALLOW_ARBITRARY_DOCUMENTS: 'yes' })).toThrow(/"true" or "false"/);
  });
});
