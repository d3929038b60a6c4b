/**
 * startSession over a fake Platform: restore across restarts (OS keyring, rotated key, memory),
 * the cache folder on sign-out, and the weak-storage opt-in on a keyring-less Linux.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../main/emulator/server.ts';
import type { SafeStorageLike } from '../../../../main/secrets/index.ts';
import { accountCacheDir, startSession } from '../../../../main/session/bootstrap.ts';
import { SECRET_SERVICE, type SessionService } from '../../../../main/session/service.ts';
import { SettingsStore } from '../../../../main/settings/store.ts';
import { createFakeSafeStorage } from '../../../fakes/safe-storage.ts';
import {
  OAUTH_CLIENTS,
  createRig,
  eventRecorder,
  expectNoLeaks,
  fakePlatform,
  fakeWorkspace,
  leakGuard,
  pastedToken,
  recordingFetch,
  tempDirs,
} from './helpers.ts';

let emulator: Emulator;
const guard = leakGuard();
const dirs = tempDirs();
const sessions: SessionService[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ issues: 20, seed: 5, oauthClients: OAUTH_CLIENTS });
});

afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
  dirs.cleanup();
});

afterAll(async () => {
  await emulator.close();
  expectNoLeaks(guard);
});

/** Starts the app's session on `userData`, as the app does at launch. */
async function launch(userData: string, safeStorage: SafeStorageLike | null) {
  const net = recordingFetch(guard);
  const events = eventRecorder();
  const { workspace, calls } = fakeWorkspace();
  const session = await startSession({
    platform: fakePlatform({ emulator, userData, fetch: net.fetch, safeStorage }),
    events: events.emitter,
    log: guard.log,
    workspace,
    language: () => 'en',
    settings: new SettingsStore(userData),
  });
  sessions.push(session);
  return { session, net, events, workspaceCalls: calls };
}

const org = () => ({ id: emulator.org.id, kind: 'auto' as const });

/** The secret entries in the ciphertext file (none when the file does not exist). */
function secretsOnDisk(dataDir: string): string[] {
  const file = path.join(dataDir, 'secrets.json');
  if (!existsSync(file)) return [];
  const content = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.keys(content).filter((key) => key.startsWith(`${SECRET_SERVICE}/`));
}

describe('restore', () => {
  it('reopens the account from the OS keyring after a restart without signing in again', async () => {
    const userData = dirs.make();
    const safeStorage = createFakeSafeStorage({ backend: 'gnome_libsecret' });
    const first = await launch(userData, safeStorage);
    expect(first.session.state()).toEqual({
      status: 'signedOut',
      storage: { kind: 'os', weakOptIn: false },
    });
    const token = pastedToken(emulator, guard);
    await first.session.pasteToken(token, 'oauth', org());
    expect(first.workspaceCalls).toEqual([`open ${emulator.login} 360`]);
    // Only ciphertext reaches the disk.
    expect(readFileSync(path.join(userData, 'secrets.json'), 'utf8')).not.toContain(token);
    first.session.dispose();

    const second = await launch(userData, safeStorage);
    expect(second.session.state()).toEqual({
      status: 'signedIn',
      storage: { kind: 'os', weakOptIn: false },
      user: { login: emulator.login, display: expect.any(String) },
      org: { id: emulator.org.id, kind: '360' },
    });
    expect(second.events.changes.map((s) => s.status)).toEqual(['signedIn']);
    expect(second.net.requests).toEqual([]);
    expect(second.workspaceCalls).toEqual([`open ${emulator.login} 360`]);
    expect((await second.session.client()?.myself())?.login).toBe(emulator.login);
    expect(second.net.api().map((r) => r.authorization)).toEqual([`OAuth ${token}`]);
  });

  it('a rotated keyring key makes the saved sign-in unreadable: signedOut with E_UNAUTHORIZED', async () => {
    const userData = dirs.make();
    const safeStorage = createFakeSafeStorage({ backend: 'gnome_libsecret' });
    const first = await launch(userData, safeStorage);
    await first.session.pasteToken(pastedToken(emulator, guard), 'oauth', org());
    first.session.dispose();
    safeStorage.rotateKey();

    const second = await launch(userData, safeStorage);
    const state = second.session.state();
    expect(state).toMatchObject({
      status: 'signedOut',
      storage: { kind: 'os' },
      reason: { code: 'E_UNAUTHORIZED' },
    });
    expect(second.session.client()).toBeNull();
    expect(second.workspaceCalls).toEqual([]);
    expect(second.events.violations).toEqual([]);
  });

  it('without safeStorage (memory) a restart forgets the session quietly', async () => {
    const userData = dirs.make();
    const first = await launch(userData, null);
    const state = await first.session.pasteToken(pastedToken(emulator, guard), 'oauth', org());
    expect(state).toMatchObject({ status: 'signedIn', storage: { kind: 'memory' } });
    first.session.dispose();

    const second = await launch(userData, null);
    expect(second.session.state()).toEqual({
      status: 'signedOut',
      storage: { kind: 'memory', weakOptIn: false },
    });
    expect(second.workspaceCalls).toEqual([]);
  });
});

describe('sign-out and the local cache', () => {
  for (const clearCache of [true, false]) {
    it(`signOut(${clearCache}) ${clearCache ? 'removes' : 'keeps'} the account's cache folder`, async () => {
      const userData = dirs.make();
      const app = await launch(userData, createFakeSafeStorage());
      await app.session.pasteToken(pastedToken(emulator, guard), 'oauth', org());
      const login = emulator.login;
      expect(app.workspaceCalls).toEqual([`open ${login} 360`]);
      const entries = JSON.parse(readFileSync(path.join(userData, 'accounts.json'), 'utf8')) as {
        current: string;
      };
      const cache = accountCacheDir(userData, entries.current);
      mkdirSync(cache, { recursive: true });
      writeFileSync(path.join(cache, 'tracker.db'), 'cached issues');

      const state = await app.session.signOut(clearCache);

      expect(state.status).toBe('signedOut');
      expect(app.workspaceCalls).toEqual([`open ${login} 360`, 'close']);
      expect(existsSync(cache)).toBe(!clearCache);
      expect(secretsOnDisk(userData)).toEqual([]);
    });
  }
});

describe('weak storage (Linux basic_text)', () => {
  it('keeps secrets in memory until the user opts in, persists after, and removes them on opt-out', async () => {
    const dataDir = dirs.make();
    const safeStorage = createFakeSafeStorage({ backend: 'basic_text' });
    const first = await createRig(emulator, guard, dirs, { dataDir, safeStorage });
    const token = pastedToken(emulator, guard);
    const signedIn = await first.session.pasteToken(token, 'oauth', org());
    expect(signedIn.storage).toEqual({ kind: 'weak', weakOptIn: false });
    expect(secretsOnDisk(dataDir)).toEqual([]);

    // Not persisted: a restart forgets the session without calling it an error.
    const forgotten = await createRig(emulator, guard, dirs, { dataDir, safeStorage });
    expect(await forgotten.session.restore()).toEqual({
      status: 'signedOut',
      storage: { kind: 'weak', weakOptIn: false },
    });

    // Opting in writes the live session's secrets to disk and announces the new storage.
    const allowed = await first.session.allowWeakStorage(true);
    expect(allowed).toMatchObject({
      status: 'signedIn',
      storage: { kind: 'weak', weakOptIn: true },
    });
    expect(first.changes.at(-1)).toEqual(allowed);
    expect(first.weakOptIns).toEqual([true]);
    expect(secretsOnDisk(dataDir)).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')).not.toContain(token);

    const restored = await createRig(emulator, guard, dirs, {
      dataDir,
      safeStorage,
      weakOptIn: true,
    });
    expect(await restored.session.restore()).toMatchObject({
      status: 'signedIn',
      storage: { kind: 'weak', weakOptIn: true },
      user: { login: emulator.login },
    });
    expect((await restored.session.client()?.myself())?.login).toBe(emulator.login);

    // Opting out removes them from disk; the running session stays signed in.
    const revoked = await restored.session.allowWeakStorage(false);
    expect(revoked).toMatchObject({
      status: 'signedIn',
      storage: { kind: 'weak', weakOptIn: false },
    });
    expect(restored.weakOptIns).toEqual([false]);
    expect(secretsOnDisk(dataDir)).toEqual([]);
    expect(
      await restored.secrets.getPassword(SECRET_SERVICE, `${restoredKey(restored)}#access`),
    ).toBe(token);

    const afterOptOut = await createRig(emulator, guard, dirs, { dataDir, safeStorage });
    expect((await afterOptOut.session.restore()).status).toBe('signedOut');
  });

  it('startSession saves the opt-in in the settings, so the next launch persists', async () => {
    const userData = dirs.make();
    const safeStorage = createFakeSafeStorage({ backend: 'basic_text' });
    const first = await launch(userData, safeStorage);
    await first.session.pasteToken(pastedToken(emulator, guard), 'oauth', org());
    await first.session.allowWeakStorage(true);
    const settings = JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8')) as {
      weakSecretsOptIn: boolean;
    };
    expect(settings.weakSecretsOptIn).toBe(true);
    first.session.dispose();

    const second = await launch(userData, safeStorage);
    expect(second.session.state()).toMatchObject({
      status: 'signedIn',
      storage: { kind: 'weak', weakOptIn: true },
    });
  });
});

function restoredKey(rig: { accounts: { current(): { key: string } | null } }): string {
  return rig.accounts.current()?.key ?? '';
}
