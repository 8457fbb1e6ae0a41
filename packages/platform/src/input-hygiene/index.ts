export { guardInputs, argumentChecks } from './input-guard.js';
export { platformScalars, RefusedValue, earliestYear, latestYear } from './date-scalars.js';
export { constraintDirectiveName, inputRuleOf, type InputRule } from './constraint-directive.js';
export { defaultTextRule, defaultMaxItems, textProblem, type TextRule } from './text-rules.js';
