/**
 * highlight.js 11 ships types for its main entry and for `lib/languages/*` only; the core build
 * (no bundled languages) has the same API, so it reuses the main entry's types.
 */
declare module 'highlight.js/lib/core' {
  import hljs from 'highlight.js';
  export default hljs;
}
