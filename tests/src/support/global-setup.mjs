// Jest loads global setup outside its module mapping, so this shim imports the built tools package
// (npm run test:integration builds first); the logic and its types live in tools/src/stack/test-stack.ts.
import { startTestStack } from '@epr/tools/stack/test-stack';

export default async function globalSetup() {
  const stack = await startTestStack();
  process.env.EPR_TEST_STACK = stack.stateFile;
  globalThis.eprStopTestStack = stack.stop;
}
