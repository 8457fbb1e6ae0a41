import { badUserInput } from '@epr/platform';
export { requireText, optionalText } from '@epr/platform';

export function requireWhole(value: number, field: string, label: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badUserInput(`${label} must be a whole number from ${min} to ${max}.`, field);
  return value;
}
