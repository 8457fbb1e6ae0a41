import type { Linter } from 'eslint';

/** The layer boundaries of a subgraph, as ESLint config objects (see eslint.boundaries.js). */
export declare const boundaryRules: Linter.Config[];
