/**
 * Builds the session for a host: the accounts index in the data folder (settings come from the app), the secret
 * store, the OAuth configuration (env TRACKER_* over settings), and the hook that shows the signed-in
 * organization in the workspace. Then reopens the remembered account.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { resolveAuthConfig, type AuthConfig } from '../auth/index.ts';
import { DEFAULT_BASE_URL } from '../api/index.ts';
import { AppError, isAppError } from '../errors.ts';
import type { EventEmitter } from '../ipc/events.ts';
import type { Logger } from '../log/types.ts';
import type { Platform } from '../platform/types.ts';
import type { SettingsStore } from '../settings/store.ts';
import type { WorkspaceService } from '../workspace/service.ts';
import { AccountIndex } from './accounts.ts';
import { openSecretStore } from './open-secrets.ts';
import { createSessionService, type SessionService } from './service.ts';

/** The folder of one account's local cache (the offline database lives here). */
export function accountCacheDir(userData: string, key: string): string {
  return path.join(userData, 'cache', encodeURIComponent(key));
}

/** Starts the session service and restores the remembered account. */
export async function startSession(deps: {
  readonly platform: Platform;
  readonly events: EventEmitter;
  readonly log: Logger;
  readonly workspace: WorkspaceService;
  readonly language: () => 'ru' | 'en';
  /** The settings file, opened by the app so settings work before (and without) a session. */
  readonly settings: SettingsStore;
}): Promise<SessionService> {
  const { platform, log, settings } = deps;
  const dataDir = platform.paths.userData;
  const secrets = await openSecretStore({
    safeStorage: platform.safeStorage,
    platform: platform.runtime.platform as NodeJS.Platform,
    dataDir,
    weakOptIn: settings.get('weakSecretsOptIn'),
    log: log.child({ scope: 'secrets' }),
  });
  let auth: AuthConfig | null = null;
  let authProblem: AppError | undefined;
  try {
    auth = resolveAuthConfig(platform.env, {
      clientId: settings.get('oauthClientId') || undefined,
      clientSecret: settings.get('oauthClientSecret') || undefined,
      deviceId: settings.get('deviceId'),
      deviceName: platform.deviceName,
    });
  } catch (error) {
    authProblem = isAppError(error)
      ? error
      : new AppError('E_BAD_REQUEST', 'Sign-in is not configured.');
    log.info('browser and device sign-in unavailable', { code: authProblem.code });
  }
  const session = createSessionService({
    events: deps.events,
    log,
    fetch: platform.fetch,
    // eng-disable OPEN_EXTERNAL_JS_CHECK: the platform's policy (allowlist + configured OAuth origin)
    openExternal: (url) => platform.openExternal(url),
    secrets,
    accounts: new AccountIndex(dataDir),
    auth,
    authProblem,
    apiBase: platform.env.TRACKER_API_BASE || DEFAULT_BASE_URL,
    apiVersion: platform.env.TRACKER_API_VERSION === 'v2' ? 'v2' : 'v3',
    language: deps.language,
    saveWeakOptIn: (allow) => settings.set('weakSecretsOptIn', allow),
    async onClient(client, account, clearCache) {
      if (client && account) {
        await deps.workspace.openTracker(
          client,
          { login: account.login, display: account.display },
          account.org,
          account.key,
        );
        return;
      }
      await deps.workspace.closeTracker();
      if (clearCache && account) {
        await rm(accountCacheDir(dataDir, account.key), { recursive: true, force: true });
        log.info('local cache cleared');
      }
    },
  });
  await session.restore();
  return session;
}
