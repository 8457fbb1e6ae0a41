/**
 * A whole-number setting from the environment: undefined when not set, so the caller's documented default
 * applies; a value that is not a whole number of at least `min` stops the service with a message naming it.
 */
export function wholeNumberSetting(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}; it is "${text}".`);
  return value;
}
