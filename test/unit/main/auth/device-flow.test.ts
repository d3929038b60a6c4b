/**
 * The device-code sign-in against the emulator (with a shared fake clock, so a 5-minute code runs
 * in milliseconds) and against stubbed answers for the cases the emulator does not produce.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDeviceSignIn } from '../../../../main/auth/device-flow.ts';
import type { Sleep } from '../../../../main/auth/device-flow.ts';
import { isOAuthError } from '../../../../main/auth/errors.ts';
import type { FetchLike } from '../../../../main/auth/oauth-client.ts';
import { startEmulator } from '../../../../main/emulator/server.ts';
import type { Emulator } from '../../../../main/emulator/server.ts';
import { CLIENT_ID, errorTexts, expectNoSecrets, testConfig, testLog, until } from './helpers.ts';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface World {
  e: Emulator;
  clock: { now: number };
  sleeps: number[];
  polls: number;
  deviceCode?: string;
  fetch: FetchLike;
  /** A sleep that advances the shared clock; `advance(i, ms)` may shorten the i-th (1-based). */
  sleep(onSleep?: (index: number) => void, advance?: (index: number, ms: number) => number): Sleep;
}

async function world(): Promise<World> {
  const clock = { now: Date.UTC(2025, 5, 1, 9, 0, 0) };
  const e = await startEmulator({
    issues: 5,
    seed: 3,
    clock: () => clock.now,
    oauthClients: [
      {
        clientId: CLIENT_ID,
        redirectUris: ['http://127.0.0.1/callback'],
        allowAnyLoopbackPort: true,
      },
    ],
  });
  emulator = e;
  const w: World = {
    e,
    clock,
    sleeps: [],
    polls: 0,
    fetch: async (url, init) => {
      if (url.endsWith('/token')) w.polls += 1;
      const res = await fetch(url, init);
      if (url.endsWith('/device/code')) {
        w.deviceCode = ((await res.clone().json()) as { device_code?: string }).device_code;
      }
      return res;
    },
    sleep: (onSleep, advance) => async (ms) => {
      w.sleeps.push(ms);
      clock.now += advance ? advance(w.sleeps.length, ms) : ms;
      onSleep?.(w.sleeps.length);
    },
  };
  return w;
}

describe('device sign-in against the emulator', () => {
  it('pending → approved → tokens that work; the device code never reaches a log', async () => {
    const w = await world();
    const logs = testLog();
    let userCode = '';
    const t0 = w.clock.now;
    const started = await startDeviceSignIn({
      config: testConfig(w.e.oauthBase),
      fetch: w.fetch,
      log: logs.log,
      clock: () => w.clock.now,
      sleep: w.sleep((i) => {
        if (i === 3) expect(w.e.oauth.approveDevice(userCode)).toBe(true);
      }),
    });
    userCode = started.userCode;
    expect(started.userCode).toMatch(/^\d{7}$/);
    expect(started.verificationUrl).toBe(`${w.e.oauthBase}/device`);
    expect(started.interval).toBe(5);
    expect(started.expiresAt).toBe(t0 + 300_000);
    const tokens = await started.done;
    expect(w.sleeps).toEqual([5000, 5000, 5000]);
    expect(w.polls).toBe(3);
    const me = await fetch(`${w.e.apiBase}/v3/myself`, {
      headers: { Authorization: `OAuth ${tokens.accessToken}`, 'X-Org-ID': w.e.org.id },
    });
    expect(me.status).toBe(200);
    expect(tokens.refreshToken).toBeDefined();
    expectNoSecrets([logs.text()], [w.deviceCode, tokens.accessToken, tokens.refreshToken]);
  });

  it('honours slow_down: the interval grows by 5 s each time and stays grown', async () => {
    const w = await world();
    const logs = testLog();
    let userCode = '';
    const started = await startDeviceSignIn({
      config: testConfig(w.e.oauthBase),
      fetch: w.fetch,
      log: logs.log,
      clock: () => w.clock.now,
      // Waits 2 and 3 end early (a clock jump), so the emulator sees polls 1 s apart.
      sleep: w.sleep(
        (i) => {
          if (i === 5) w.e.oauth.approveDevice(userCode);
        },
        (i, ms) => (i === 2 || i === 3 ? 1000 : ms),
      ),
    });
    userCode = started.userCode;
    await started.done;
    expect(w.sleeps).toEqual([5000, 5000, 10_000, 15_000, 15_000]);
    const slowed = logs.sink.records().filter((r) => r.msg === 'auth: device polling slowed down');
    expect(slowed.map((r) => r.interval)).toEqual([10, 15]);
  });

  it('stops when the code expires (expired_token) without polling forever', async () => {
    const w = await world();
    const started = await startDeviceSignIn({
      config: testConfig(w.e.oauthBase),
      fetch: w.fetch,
      log: testLog().log,
      clock: () => w.clock.now,
      sleep: w.sleep(),
    });
    const error = await started.done.catch((x: unknown) => x);
    expect(isOAuthError(error, 'expired_token')).toBe(true);
    expect(error).toMatchObject({ code: 'E_UNAUTHORIZED' });
    // 300 s at 5 s: polls at 5..295 s, then the clock reaches the expiry.
    expect(w.polls).toBe(59);
    expect(w.clock.now).toBe(started.expiresAt);
  });

  it('stops on denial with access_denied', async () => {
    const w = await world();
    let userCode = '';
    const started = await startDeviceSignIn({
      config: testConfig(w.e.oauthBase),
      fetch: w.fetch,
      log: testLog().log,
      clock: () => w.clock.now,
      sleep: w.sleep((i) => {
        if (i === 2) w.e.oauth.denyDevice(userCode);
      }),
    });
    userCode = started.userCode;
    const error = await started.done.catch((x: unknown) => x);
    expect(isOAuthError(error, 'access_denied')).toBe(true);
    expect(error).toMatchObject({ code: 'E_FORBIDDEN' });
    expect(w.polls).toBe(2);
  });

  it('is cancelled while waiting (real timers), and before it starts', async () => {
    const w = await world();
    const controller = new AbortController();
    const started = await startDeviceSignIn({
      config: testConfig(w.e.oauthBase),
      fetch: w.fetch,
      log: testLog().log,
      signal: controller.signal,
    });
    const t0 = Date.now();
    controller.abort();
    await expect(started.done).rejects.toMatchObject({ name: 'AuthError', reason: 'cancelled' });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(w.polls).toBe(0);
    await expect(
      startDeviceSignIn({
        config: testConfig(w.e.oauthBase),
        fetch: w.fetch,
        log: testLog().log,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ reason: 'cancelled' });
  });
});

/** A fetch answering /device/code, then one scripted answer per poll. */
function scripted(answers: Array<[number, object] | 'network'>): FetchLike & { polls: number } {
  const answer: FetchLike = async (url) => {
    if (url.endsWith('/device/code')) {
      return Response.json({
        device_code: 'dc-secret-0123456789',
        user_code: '1234567',
        verification_url: 'https://oauth.yandex.ru/device',
        interval: 2,
        expires_in: 600,
      });
    }
    const next = answers[fn.polls] ?? [400, { error: 'authorization_pending' }];
    fn.polls += 1;
    if (next === 'network') throw new TypeError('fetch failed');
    return Response.json(next[1], { status: next[0] });
  };
  const fn = Object.assign(answer, { polls: 0 });
  return fn;
}

describe('device sign-in against scripted answers', () => {
  it.each([
    'expired_token',
    'access_denied',
    'bad_verification_code',
    'invalid_grant',
    'invalid_client',
  ])('stops at once on %s', async (code) => {
    const fetchStub = scripted([
      [400, { error: 'authorization_pending' }],
      [400, { error: code }],
    ]);
    const started = await startDeviceSignIn({
      config: testConfig('https://oauth.example.test'),
      fetch: fetchStub,
      log: testLog().log,
      sleep: async () => undefined,
    });
    const error = await started.done.catch((x: unknown) => x);
    expect(isOAuthError(error, code)).toBe(true);
    expect(fetchStub.polls).toBe(2);
    expect(errorTexts(error).join(' ')).not.toContain('dc-secret');
  });

  it('keeps polling through a lost answer and a 503 (which also backs off)', async () => {
    const sleeps: number[] = [];
    const fetchStub = scripted([
      'network',
      [503, { message: 'unavailable' }],
      [400, { error: 'authorization_pending' }],
      [200, { access_token: 'y0_device_access_token_0000000000', token_type: 'bearer' }],
    ]);
    const started = await startDeviceSignIn({
      config: testConfig('https://oauth.example.test'),
      fetch: fetchStub,
      log: testLog().log,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(started.verificationUrl).toBe('https://oauth.yandex.ru/device');
    await expect(started.done).resolves.toEqual({
      accessToken: 'y0_device_access_token_0000000000',
    });
    expect(sleeps).toEqual([2000, 2000, 7000, 7000]);
  });

  it('sends Yandex parameter names: grant_type=device_code and code=<device_code>', async () => {
    const bodies: URLSearchParams[] = [];
    const inner = scripted([[200, { access_token: 'y0_device_access_token_0000000000' }]]);
    const started = await startDeviceSignIn({
      config: testConfig('https://oauth.example.test', {
        scopes: ['tracker:read', 'tracker:write'],
      }),
      fetch: (url, init) => {
        bodies.push(new URLSearchParams(String(init.body)));
        return inner(url, init);
      },
      log: testLog().log,
      sleep: async () => undefined,
    });
    await started.done;
    expect(Object.fromEntries(bodies[0] ?? [])).toEqual({
      client_id: CLIENT_ID,
      device_id: 'test-install-0001',
      device_name: 'Test laptop',
      scope: 'tracker:read tracker:write',
    });
    expect(Object.fromEntries(bodies[1] ?? [])).toEqual({
      grant_type: 'device_code',
      code: 'dc-secret-0123456789',
      client_id: CLIENT_ID,
    });
  });

  it('a dropped `done` that fails later does not become an unhandled rejection', async () => {
    const fetchStub = scripted([[400, { error: 'access_denied' }]]);
    const started = await startDeviceSignIn({
      config: testConfig('https://oauth.example.test'),
      fetch: fetchStub,
      log: testLog().log,
      sleep: async () => undefined,
    });
    await until(() => fetchStub.polls === 1);
    // Vitest fails the run on unhandled rejections; reaching here without one is the assertion.
    expect(started.userCode).toBe('1234567');
  });
});
