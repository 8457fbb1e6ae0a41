export * from './activities.js';
export * from './facts.js';
export * from './policy-document.js';
export * from './decide.js';
export * from './baseline-policy.js';
export * from './justification.js';
export * from './data-classes.js';
export * from './audit-actions.js';
