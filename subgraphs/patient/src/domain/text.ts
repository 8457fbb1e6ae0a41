// The shared input rules every subgraph uses for free text.
export { requireText, optionalText } from '@epr/platform';
