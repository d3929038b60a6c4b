/// <reference types="vite/client" />
// Vite's ambient types: CSS and asset imports, import.meta.env. The web tsconfig lists only the
// svelte types, and TypeScript 6 rejects side-effect imports it cannot resolve.
