// graphql-codegen's client preset: a typed document (its result and variables types) for every operation in
// operations/, checked against the published API schema. Output in src/__generated__ (never edited, git-ignored).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: '../../schema/api.graphql',
  documents: 'operations/*.graphql',
  generates: {
    'src/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
      config: {
        // Documents are plain strings: any fetch can send them, and no GraphQL library is needed at run time.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown' },
        emitLegacyCommonJSImports: false,
      },
    },
  },
};
export default config;
