/**
 * The renderer's Content Security Policy. The Electron host sends it as a header from the app://
 * protocol handler and the build puts it in index.html as a backup; the Node host sends the same
 * policy with its WebSocket origin added to connect-src, since the browser tab's bridge needs it.
 */

/** Directives of the production policy; nothing remote, no inline script or style, no eval. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'none'"],
  'media-src': ["'none'"],
  'worker-src': ["'none'"],
  'manifest-src': ["'none'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Serializes the policy; `connectSrc` replaces connect-src (the Node host's WebSocket). */
export function buildCsp(options: { connectSrc?: readonly string[]; meta?: boolean } = {}): string {
  const directives: Record<string, readonly string[]> = { ...CSP_DIRECTIVES };
  if (options.connectSrc) directives['connect-src'] = options.connectSrc;
  // frame-ancestors is ignored (and warned about) in a <meta> policy.
  if (options.meta) delete directives['frame-ancestors'];
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
