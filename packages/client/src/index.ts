// The typed client: every example operation as a typed document, its result and variables types, the API's
// types and enums, and a small fetch-based client to run them.
export * from './__generated__/graphql.js';
export * from './client.js';
