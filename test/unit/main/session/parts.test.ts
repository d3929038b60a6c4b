/**
 * The session's smaller parts on their own: the auth IPC handlers, the accounts index, the
 * refreshing fetch and organization detection with fake clients.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthState } from '../../../../preload/contract.ts';
import {
  ForbiddenError,
  NetworkError,
  UnauthorizedError,
  type Org,
  type TrackerClient,
  type User,
} from '../../../../main/api/index.ts';
import { AppError, isAppError } from '../../../../main/errors.ts';
import { AccountIndex, accountKey, type AccountRecord } from '../../../../main/session/accounts.ts';
import { authHandlers } from '../../../../main/session/handlers.ts';
import { detectOrg } from '../../../../main/session/org-detect.ts';
import { createRefreshingFetch } from '../../../../main/session/refreshing-fetch.ts';
import type { SessionService } from '../../../../main/session/service.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'session-parts-'));
  dirs.push(dir);
  return dir;
}

const STORAGE = { kind: 'os', weakOptIn: false } as const;
const SIGNED_OUT: AuthState = { status: 'signedOut', storage: STORAGE };
const CALL = { senderId: 1 };

describe('authHandlers', () => {
  function fakeSession(calls: string[]): SessionService {
    const answer = async (call: string): Promise<AuthState> => {
      calls.push(call);
      return SIGNED_OUT;
    };
    return {
      state: () => {
        calls.push('state');
        return SIGNED_OUT;
      },
      restore: () => answer('restore'),
      signIn: (org) => answer(`signIn ${org.id} ${org.kind}`),
      startDevice: (org) => answer(`startDevice ${org.id} ${org.kind}`),
      pasteToken: (token, kind, org) => answer(`pasteToken ${token} ${kind} ${org.id}`),
      cancel: () => answer('cancel'),
      signOut: (clearCache) => answer(`signOut ${clearCache}`),
      allowWeakStorage: (allow) => answer(`allowWeakStorage ${allow}`),
      client: () => null,
      dispose: () => undefined,
    };
  }

  it('wait for the session to start, then pass every request through', async () => {
    let resolve: (session: SessionService) => void = () => undefined;
    const ready = new Promise<SessionService>((r) => (resolve = r));
    const calls: string[] = [];
    const handlers = authHandlers(ready);
    const org = { id: '42', kind: 'cloud' } as const;

    let answered = false;
    const state = Promise.resolve(handlers['auth.state'](undefined, CALL)).then((s) => {
      answered = true;
      return s;
    });
    const all = [
      handlers['auth.signIn']({ org }, CALL),
      handlers['auth.startDevice']({ org }, CALL),
      handlers['auth.pasteToken']({ token: 'pasted-token-123', tokenKind: 'iam', org }, CALL),
      handlers['auth.cancel'](undefined, CALL),
      handlers['auth.signOut']({ clearCache: true }, CALL),
      handlers['auth.allowWeakStorage']({ allow: false }, CALL),
    ];
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    expect(calls).toEqual([]);

    resolve(fakeSession(calls));
    expect(await state).toEqual(SIGNED_OUT);
    expect(await Promise.all(all)).toEqual(Array(6).fill(SIGNED_OUT));
    expect(calls).toEqual([
      'state',
      'signIn 42 cloud',
      'startDevice 42 cloud',
      'pasteToken pasted-token-123 iam 42',
      'cancel',
      'signOut true',
      'allowWeakStorage false',
    ]);
  });

  it('answer with the start-up error when the session failed to start', async () => {
    const failure = new AppError('E_INTERNAL', 'The data folder cannot be read.');
    const ready = Promise.reject(failure);
    ready.catch(() => undefined);
    const handlers = authHandlers(ready);
    await expect(Promise.resolve(handlers['auth.state'](undefined, CALL))).rejects.toBe(failure);
    await expect(
      Promise.resolve(handlers['auth.signOut']({ clearCache: false }, CALL)),
    ).rejects.toBe(failure);
  });
});

describe('AccountIndex', () => {
  const record = (uid: string, orgId: string): AccountRecord => ({
    key: accountKey(uid, { id: orgId, kind: '360' }),
    uid,
    login: `user${uid}`,
    display: `User ${uid}`,
    org: { id: orgId, kind: '360' },
    tokenKind: 'oauth',
    addedAt: 1,
  });

  it('keys accounts by user and organization', () => {
    expect(accountKey('1120000', { id: '7001', kind: 'cloud' })).toBe('1120000@cloud:7001');
  });

  it('saves, makes current, survives a reopen and forgets', () => {
    const dir = tempDir();
    const index = new AccountIndex(dir);
    expect(index.current()).toBeNull();
    const a = record('1', 'org-a');
    const b = record('1', 'org-b');
    index.save(a);
    index.save(b);
    expect(index.current()).toEqual(b);
    expect(new AccountIndex(dir).list()).toEqual([a, b]);

    index.remove(a.key);
    expect(index.current()).toEqual(b);
    index.remove(b.key);
    expect(index.current()).toBeNull();
    expect(new AccountIndex(dir).list()).toEqual([]);
  });

  it('starts over when the file is damaged', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'accounts.json'), '{ not json');
    const index = new AccountIndex(dir);
    expect(index.current()).toBeNull();
    index.save(record('2', 'org'));
    expect(new AccountIndex(dir).current()?.uid).toBe('2');
  });
});

describe('createRefreshingFetch', () => {
  const unauthorized = () => new Response('{}', { status: 401 });

  function scripted(statusFor: (authorization: string | null) => number) {
    const sent: Array<string | null> = [];
    const fetcher: typeof fetch = async (_input, init) => {
      const authorization = new Headers(init?.headers).get('authorization');
      sent.push(authorization);
      const status = statusFor(authorization);
      return status === 401 ? unauthorized() : new Response('ok', { status });
    };
    return { fetcher, sent };
  }

  it('repeats a 401 once with the refreshed token, keeping the other headers', async () => {
    const { fetcher, sent } = scripted((auth) => (auth === 'OAuth new-token' ? 200 : 401));
    const refreshed: string[] = [];
    const wrapped = createRefreshingFetch(fetcher, async (rejected) => {
      refreshed.push(rejected);
      return 'new-token';
    });
    const response = await wrapped('http://x/v3/myself', {
      method: 'POST',
      body: 'payload',
      headers: { Authorization: 'OAuth old-token', 'X-Org-ID': '1' },
    });
    expect(response.status).toBe(200);
    expect(refreshed).toEqual(['old-token']);
    expect(sent).toEqual(['OAuth old-token', 'OAuth new-token']);
  });

  it('passes the 401 on when the retry is refused again (no loop)', async () => {
    const { fetcher, sent } = scripted(() => 401);
    const wrapped = createRefreshingFetch(fetcher, async () => 'new-token');
    const response = await wrapped('http://x', { headers: { Authorization: 'OAuth old-token' } });
    expect(response.status).toBe(401);
    expect(sent).toHaveLength(2);
  });

  it('passes the original 401 on when the refresh fails', async () => {
    const { fetcher, sent } = scripted(() => 401);
    const wrapped = createRefreshingFetch(fetcher, async () => {
      throw new AppError('E_UNAUTHORIZED', 'expired');
    });
    const response = await wrapped('http://x', { headers: { Authorization: 'OAuth old-token' } });
    expect(response.status).toBe(401);
    expect(sent).toHaveLength(1);
  });

  it('does not refresh for IAM (Bearer) requests, other statuses or one-shot bodies', async () => {
    let refreshes = 0;
    const refresh = async () => {
      refreshes += 1;
      return 'new-token';
    };
    const bearer = createRefreshingFetch(scripted(() => 401).fetcher, refresh);
    expect((await bearer('http://x', { headers: { Authorization: 'Bearer t1.iam' } })).status).toBe(
      401,
    );
    const forbidden = createRefreshingFetch(scripted(() => 403).fetcher, refresh);
    expect((await forbidden('http://x', { headers: { Authorization: 'OAuth a' } })).status).toBe(
      403,
    );
    const stream = createRefreshingFetch(scripted(() => 401).fetcher, refresh);
    const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
    expect(
      (await stream('http://x', { method: 'PUT', body, headers: { Authorization: 'OAuth a' } }))
        .status,
    ).toBe(401);
    expect(refreshes).toBe(0);
  });
});

describe('detectOrg', () => {
  const user: User = { uid: '1', login: 'demo' } as User;

  /** A client factory whose `myself` answers per organization kind. */
  function clients(answers: Partial<Record<Org['kind'], () => Promise<User>>>) {
    const probed: string[] = [];
    const factory = (org: Org): TrackerClient => {
      const client = {
        myself: async () => {
          probed.push(`${org.kind}:${org.id}`);
          const answer = answers[org.kind];
          if (!answer) throw new Error('unexpected probe');
          return answer();
        },
      };
      return client as unknown as TrackerClient;
    };
    return { factory, probed };
  }
  const forbidden = () => Promise.reject(new ForbiddenError({ method: 'GET', path: '/myself' }));

  it('prefers 360 for an organization linked to both kinds', async () => {
    const { factory, probed } = clients({ '360': async () => user, cloud: async () => user });
    const found = await detectOrg(factory, { id: 'o', kind: 'auto' }, 'oauth');
    expect(found).toEqual({ org: { kind: '360', id: 'o' }, user });
    expect(probed).toEqual(['360:o']);
  });

  it('does not try the other kind after an error that is not a 403', async () => {
    const offline = () => Promise.reject(new NetworkError({ method: 'GET', path: '/myself' }));
    const { factory, probed } = clients({ '360': offline, cloud: async () => user });
    await expect(detectOrg(factory, { id: 'o', kind: 'auto' }, 'oauth')).rejects.toBeInstanceOf(
      NetworkError,
    );
    const unauthorized = () =>
      Promise.reject(new UnauthorizedError({ method: 'GET', path: '/myself' }));
    const second = clients({ '360': unauthorized, cloud: async () => user });
    await expect(
      detectOrg(second.factory, { id: 'o', kind: 'auto' }, 'oauth'),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    expect([...probed, ...second.probed]).toEqual(['360:o', '360:o']);
  });

  it("a forced 'cloud' kind refused names the 360 alternative", async () => {
    const { factory } = clients({ cloud: forbidden });
    const error: unknown = await detectOrg(factory, { id: 'o', kind: 'cloud' }, 'oauth').catch(
      (reason: unknown) => reason,
    );
    expect(isAppError(error) && error.code).toBe('E_FORBIDDEN');
    expect(isAppError(error) && error.message).toContain(
      'as a Yandex Cloud organization. If it is a Yandex 360 organization',
    );
  });
});
