// Bundles the front-end modules of the web UI into ../wwwroot/dist (not committed; run by the host's build).
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const outdir = new URL('../wwwroot/dist/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });

await esbuild.build({
  entryPoints: {
    designer: 'src/designer.js', viewer: 'src/viewer.js', inbox: 'src/inbox.js', monitor: 'src/monitor.js', charts: 'src/charts.js',
    portal: 'src/portal.js',
  },
  bundle: true,
  format: 'esm',
  splitting: false,
  minify: true,
  sourcemap: true,
  target: ['es2020'],
  outdir,
  loader: { '.woff': 'file', '.woff2': 'file', '.eot': 'file', '.ttf': 'file', '.svg': 'file' },
  assetNames: 'assets/[name]-[hash]',
  logLevel: 'info',
  legalComments: 'linked',
});
