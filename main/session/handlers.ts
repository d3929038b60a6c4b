/** The `auth.*` IPC handlers; they wait for the session to finish starting. */
import type { InvokeHandler } from '../ipc/handlers.ts';
import type { SessionService } from './service.ts';

type AuthChannel =
  | 'auth.state'
  | 'auth.signIn'
  | 'auth.startDevice'
  | 'auth.pasteToken'
  | 'auth.cancel'
  | 'auth.signOut'
  | 'auth.allowWeakStorage';

/** Handlers for every auth channel over a session that may still be starting. */
export function authHandlers(ready: Promise<SessionService>): {
  [K in AuthChannel]: InvokeHandler<K>;
} {
  return {
    'auth.state': async () => (await ready).state(),
    'auth.signIn': async ({ org }) => (await ready).signIn(org),
    'auth.startDevice': async ({ org }) => (await ready).startDevice(org),
    'auth.pasteToken': async ({ token, tokenKind, org }) =>
      (await ready).pasteToken(token, tokenKind, org),
    'auth.cancel': async () => (await ready).cancel(),
    'auth.signOut': async ({ clearCache }) => (await ready).signOut(clearCache),
    'auth.allowWeakStorage': async ({ allow }) => (await ready).allowWeakStorage(allow),
  };
}
