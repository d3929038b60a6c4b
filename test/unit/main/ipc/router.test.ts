import { describe, expect, it, vi } from 'vitest';
import {
  invokeContract,
  wireName,
  type AppInfo,
  type InvokeChannel,
} from '../../../../preload/contract.ts';
import { AppError } from '../../../../main/errors.ts';
import type { InvokeHandlers } from '../../../../main/ipc/handlers.ts';
import { createRouter } from '../../../../main/ipc/router.ts';
import { unavailableHandlers } from '../../../fakes/handlers.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';
import { FakeIpcMain, eventFrom, topFrame } from '../../../fakes/ipc-main.ts';

const APP_ORIGIN = 'app://app';
const info: AppInfo = {
  name: 'Tracker Desktop',
  version: '1.2.3',
  host: 'electron',
  platform: 'linux',
  arch: 'x64',
  locale: 'ru-RU',
  versions: { node: '24.0.0' },
  online: true,
};

function setup(handlers: Partial<InvokeHandlers> = {}, validateResponses = true) {
  const ipc = new FakeIpcMain();
  const log = createRecordingLogger();
  const trusted = new Set([1]);
  const appInfo = vi.fn(() => info);
  const router = createRouter({
    ipc,
    appOrigin: APP_ORIGIN,
    senders: { isTrusted: (id) => trusted.has(id) },
    handlers: { ...unavailableHandlers(), 'app.info': appInfo, ...handlers },
    log,
    validateResponses,
  });
  const good = eventFrom(1, topFrame('app://app/index.html'));
  return { ipc, log, router, appInfo, good, trusted };
}

describe('IPC router', () => {
  it('registers exactly one prefixed handler per contract channel and removes them on dispose', () => {
    const { ipc, router } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(
      (Object.keys(invokeContract) as InvokeChannel[]).map(wireName).sort(),
    );
    router.dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers a valid call from the app window with {ok:true,data}', async () => {
    const { ipc, good, appInfo } = setup();
    await expect(ipc.invoke(good, 'tracker:app.info', undefined)).resolves.toEqual({
      ok: true,
      data: info,
    });
    expect(appInfo).toHaveBeenCalledWith(undefined, { senderId: 1 });
  });

  it.each([
    ['a null sender frame', eventFrom(1, null)],
    [
      'a subframe',
      eventFrom(1, { url: 'app://app/index.html', parent: topFrame('app://app/index.html') }),
    ],
    ['a foreign origin', eventFrom(1, topFrame('https://evil.example/'))],
    ['a look-alike origin', eventFrom(1, topFrame('app://app.evil/index.html'))],
    ['a file:// page', eventFrom(1, topFrame('file:///tmp/index.html'))],
    ['an unparsable URL', eventFrom(1, topFrame('not a url'))],
    ['a webContents we did not create', eventFrom(7, topFrame('app://app/index.html'))],
  ])('rejects %s with E_FORBIDDEN without running the handler', async (_name, event) => {
    const { ipc, appInfo, log } = setup();
    const result = await ipc.invoke(event, 'tracker:app.info', undefined);
    expect(result).toEqual({
      ok: false,
      error: { code: 'E_FORBIDDEN', message: expect.any(String) },
    });
    expect(appInfo).not.toHaveBeenCalled();
    expect(log.records.some((record) => record.message === 'rejected sender')).toBe(true);
  });

  it('rejects a bad payload and extra arguments with E_BAD_REQUEST', async () => {
    const { ipc, good, appInfo } = setup();
    for (const args of [[{ evil: true }], ['x'], [undefined, 1]]) {
      const result = (await ipc.invoke(good, 'tracker:app.info', ...args)) as {
        ok: boolean;
        error?: { code: string };
      };
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('E_BAD_REQUEST');
    }
    expect(appInfo).not.toHaveBeenCalled();
  });

  it('answers an unknown channel with E_UNKNOWN_CHANNEL when dispatched directly', async () => {
    const { router, good } = setup();
    for (const channel of [
      'tracker:nope',
      'app.info',
      'tracker:__proto__',
      'tracker:constructor',
      '',
    ]) {
      await expect(router.dispatch(channel, good, [])).resolves.toMatchObject({
        ok: false,
        error: { code: 'E_UNKNOWN_CHANNEL' },
      });
    }
  });

  it('turns an AppError into its code and any other throw into E_INTERNAL without leaking it', async () => {
    const failing = setup({
      'app.info': () => {
        throw new AppError('E_NOT_FOUND', 'No such thing');
      },
    });
    await expect(failing.ipc.invoke(failing.good, 'tracker:app.info')).resolves.toEqual({
      ok: false,
      error: { code: 'E_NOT_FOUND', message: 'No such thing' },
    });
    const crashing = setup({
      'app.info': async () => {
        throw new Error('secret internals y0_AAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      },
    });
    const result = (await crashing.ipc.invoke(crashing.good, 'tracker:app.info')) as {
      error: { code: string; message: string };
    };
    expect(result.error.code).toBe('E_INTERNAL');
    expect(result.error.message).not.toContain('secret');
  });

  it('refuses a response that breaks the contract when validation is on', async () => {
    const broken = { 'app.info': () => ({ ...info, online: 'yes' }) as unknown as AppInfo };
    const strict = setup(broken, true);
    await expect(strict.ipc.invoke(strict.good, 'tracker:app.info')).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_INTERNAL' },
    });
    const lax = setup(broken, false);
    await expect(lax.ipc.invoke(lax.good, 'tracker:app.info')).resolves.toMatchObject({ ok: true });
  });

  it('accepts the Node host origin when that is the app origin, port included', async () => {
    const ipc = new FakeIpcMain();
    createRouter({
      ipc,
      appOrigin: 'http://127.0.0.1:5000',
      senders: { isTrusted: () => true },
      handlers: { ...unavailableHandlers(), 'app.info': () => info },
      log: createRecordingLogger(),
    });
    const ok = await ipc.invoke(
      eventFrom(1, topFrame('http://127.0.0.1:5000/?session=x')),
      'tracker:app.info',
    );
    const otherPort = await ipc.invoke(
      eventFrom(1, topFrame('http://127.0.0.1:5001/')),
      'tracker:app.info',
    );
    expect(ok).toMatchObject({ ok: true });
    expect(otherPort).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
  });
});
