import { AsyncLocalStorage } from 'node:async_hooks';

/** What one subgraph request has cost so far; read when the request is logged. */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
