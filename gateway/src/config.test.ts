import { availableParallelism } from 'node:os';
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
  test('one process unless told otherwise; `auto` means one per core', () => {
    expect(readGatewayWorkers({})).toBe(1);
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
