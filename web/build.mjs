// @ts-check
// Bundles the gateway's pages into dist/<page>/ with esbuild: everything they need is in the bundle, so a page
// loads nothing from anywhere but the gateway that serves it (no CDN; it works offline).
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const common = /** @type {const} */ ({
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
});

await rm('dist', { recursive: true, force: true });

// GraphiQL 5 edits with Monaco, whose language services run in web workers: each worker is an entry of its own.
await build({
  ...common,
  entryPoints: {
    main: 'src/explorer/main.tsx',
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir: 'dist/explorer',
  jsx: 'automatic',
  loader: { '.ttf': 'file' },
  assetNames: '[name]',
});
await copyFile('src/explorer/index.html', 'dist/explorer/index.html');

await build({ ...common, entryPoints: { portal: 'src/portal/main.ts' }, outdir: 'dist/portal' });
await mkdir('dist/portal', { recursive: true });
await copyFile('src/portal/index.html', 'dist/portal/index.html');
await copyFile('src/portal/portal.css', 'dist/portal/portal.css');
