/**
 * Builds the app into out/: main (ESM, dependencies bundled), preload (one CommonJS file that a
 * sandboxed preload can load) and the renderer; with `harness`, also the Node host, the web
 * preload (preload/index.ts with 'electron' replaced by a WebSocket shim) and the list-render
 * bench page (out/bench-list/, used by bench/list-render.ts and an e2e test).
 *
 * Usage: node scripts/build.ts [app] [harness] [emulator] [--quiet]
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { build, type InlineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { buildCsp } from '../main/security/csp.ts';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const targets = [...args].filter((arg) => !arg.startsWith('--'));
if (targets.length === 0) targets.push('app');

const nodeExternal = ['electron', /^node:/, ...builtinModules];
const logLevel = quiet ? 'warn' : 'info';

/** Puts the production CSP into index.html as a backup to the protocol handler's header. */
function cspMeta(): Plugin {
  return {
    name: 'tracker-csp-meta',
    transformIndexHtml(html) {
      const tag = `<meta http-equiv="Content-Security-Policy" content="${buildCsp({ meta: true })}" />`;
      return html.replace('<!-- csp -->', tag);
    },
  };
}

const main: InlineConfig = {
  configFile: false,
  root,
  logLevel,
  build: {
    ssr: path.join(root, 'main/index.ts'),
    // ES2021 lowers class private fields, which the security scanner cannot traverse.
    outDir: path.join(root, 'out/main'),
    emptyOutDir: true,
    target: 'es2021',
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      external: nodeExternal,
      // electron-updater is imported on demand (packaged apps only), so it is a chunk of its own.
      output: { format: 'es', entryFileNames: 'index.js', chunkFileNames: 'chunks/[name].js' },
    },
  },
  // Bundle every npm dependency so the packaged app needs no node_modules.
  ssr: { noExternal: true, target: 'node' },
};

const preload: InlineConfig = {
  configFile: false,
  root,
  logLevel,
  build: {
    ssr: path.join(root, 'preload/index.ts'),
    outDir: path.join(root, 'out/preload'),
    emptyOutDir: true,
    target: 'es2021',
    minify: false,
    rolldownOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'index.cjs', codeSplitting: false },
    },
  },
  ssr: { noExternal: true, target: 'node' },
};

const renderer: InlineConfig = {
  configFile: false,
  root: path.join(root, 'renderer'),
  base: './',
  logLevel,
  plugins: [svelte({ configFile: path.join(root, 'svelte.config.js') }), cspMeta()],
  build: {
    outDir: path.join(root, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
};

/** The list-render bench page (bench/list-render): the real issue list under the production CSP. */
const benchListPage: InlineConfig = {
  ...renderer,
  root: path.join(root, 'bench/list-render'),
  plugins: [svelte({ configFile: path.join(root, 'svelte.config.js') }), cspMeta()],
  build: { ...renderer.build, outDir: path.join(root, 'out/bench-list') },
};

const harnessNode: InlineConfig = {
  configFile: false,
  root,
  logLevel,
  build: {
    ssr: true,
    outDir: path.join(root, 'out/harness'),
    emptyOutDir: true,
    target: 'node24',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input: {
        web: path.join(root, 'test/harness/web.ts'),
        'bench-ipc': path.join(root, 'bench/ipc-roundtrip.ts'),
        'bench-api': path.join(root, 'bench/api-fetch.ts'),
        'bench-cache': path.join(root, 'bench/cache.ts'),
        'bench-sync': path.join(root, 'bench/sync.ts'),
      },
      external: nodeExternal,
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
};

const harnessPreload: InlineConfig = {
  configFile: false,
  root,
  logLevel,
  resolve: { alias: { electron: path.join(root, 'test/harness/electron-shim.ts') } },
  build: {
    outDir: path.join(root, 'out/harness/web-preload'),
    emptyOutDir: true,
    target: 'chrome140',
    minify: false,
    lib: {
      entry: path.join(root, 'preload/index.ts'),
      formats: ['iife'],
      name: 'trackerPreload',
      fileName: () => 'preload.js',
    },
  },
};

const emulator: InlineConfig = {
  configFile: false,
  root,
  logLevel,
  build: {
    ssr: path.join(root, 'main/emulator/cli.ts'),
    outDir: path.join(root, 'out/emulator'),
    emptyOutDir: true,
    target: 'node24',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      external: nodeExternal,
      output: { format: 'es', entryFileNames: 'cli.js' },
    },
  },
};

const plans: Record<string, InlineConfig[]> = {
  app: [main, preload, renderer],
  harness: [harnessNode, harnessPreload, benchListPage],
  emulator: [emulator],
};

for (const target of targets) {
  const configs = plans[target];
  if (!configs) {
    console.error(
      `unknown build target "${target}"; expected one of: ${Object.keys(plans).join(', ')}`,
    );
    process.exit(2);
  }
  for (const config of configs) await build(config);
}
