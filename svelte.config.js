import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Svelte compiler options shared by the build, svelte-check, vitest and eslint. */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
};
