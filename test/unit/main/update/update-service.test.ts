import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../../../preload/contract.ts';
import { isAppError } from '../../../../main/errors.ts';
import {
  CHECK_TIMEOUT_MS,
  DOWNLOAD_STALL_MS,
  FIRST_CHECK_DELAY_MS,
  UPDATE_CHECK_INTERVAL_MS,
  createUpdateService,
} from '../../../../main/update/update-service.ts';
import type { UpdateKind, UpdaterPort } from '../../../../main/update/types.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

/** A port whose feed, download and failures each test sets. */
interface FakePort extends UpdaterPort {
  latest: string | null;
  checkError: Error | null;
  downloadError: Error | null;
  restartError: Error | null;
  /** While true, checks (`check`) or downloads (`download`) never answer (a proxy holding on). */
  hang: 'check' | 'download' | null;
  progress: number[];
  checks: number;
  installs: number;
  download: UpdaterPort['download'] & ReturnType<typeof vi.fn>;
  quitAndInstall: UpdaterPort['quitAndInstall'] & ReturnType<typeof vi.fn>;
}

function fakePort(kind: UpdateKind): FakePort {
  const port: FakePort = {
    kind,
    currentVersion: '1.0.0',
    latest: null,
    checkError: null,
    downloadError: null,
    restartError: null,
    hang: null,
    progress: [10.2, 10.7, 55, 100],
    checks: 0,
    installs: 0,
    check: vi.fn(async () => {
      port.checks += 1;
      if (port.hang === 'check') await new Promise(() => undefined);
      if (port.checkError) throw port.checkError;
      return port.latest ? { version: port.latest } : null;
    }),
    download: vi.fn(async (onProgress: (percent: number) => void) => {
      for (const percent of port.progress) onProgress(percent);
      if (port.hang === 'download') await new Promise(() => undefined);
      if (port.downloadError) throw port.downloadError;
    }),
    quitAndInstall: vi.fn(async () => {
      port.installs += 1;
      if (port.restartError) throw port.restartError;
    }),
    releasePage: (version: string) => `https://github.com/o/r/releases/tag/v${version}`,
  };
  return port;
}

function setup(kind: UpdateKind = 'self') {
  const port = fakePort(kind);
  const emitted: UpdateStatus[] = [];
  const opened: string[] = [];
  let online = true;
  const log = createRecordingLogger();
  const service = createUpdateService({
    port,
    emit: (status) => emitted.push(status),
    online: () => online,
    openExternal: async (url) => void opened.push(url),
    log,
    timers: {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
    },
  });
  const setOnline = (value: boolean) => {
    online = value;
    service.networkChanged(value);
  };
  return { port, service, emitted, opened, setOnline, log };
}

/** Lets the service's promise chains settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('update service: schedule', () => {
  it('checks shortly after start and then every six hours', async () => {
    const { port, service } = setup();
    service.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS - 1);
    expect(port.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(port.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS - 1);
    expect(port.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(port.checks).toBe(2);
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(port.checks).toBe(3);
    expect(service.status()).toEqual({
      state: 'idle',
      currentVersion: '1.0.0',
      checkedAt: Date.now(),
    });
    service.dispose();
  });

  it('does nothing at all for a build that cannot update', async () => {
    const { port, service, emitted } = setup('none');
    service.start();
    await vi.advanceTimersByTimeAsync(2 * UPDATE_CHECK_INTERVAL_MS);
    expect(service.check()).toEqual({ state: 'unsupported', currentVersion: '1.0.0' });
    expect(port.checks).toBe(0);
    expect(emitted).toEqual([]);
  });

  it('skips a check while offline and runs it when the network returns', async () => {
    const { port, service, setOnline } = setup();
    setOnline(false);
    service.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(port.checks).toBe(0);
    setOnline(true);
    await settle();
    expect(port.checks).toBe(1);
    setOnline(false);
    setOnline(true);
    await settle();
    expect(port.checks).toBe(1);
    service.dispose();
  });

  it('catches up on wake when the machine slept through a due check', async () => {
    const { port, service } = setup();
    service.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    service.resumed();
    await settle();
    expect(port.checks).toBe(1);
    // Timers do not run while asleep: only the clock moves on.
    vi.setSystemTime(Date.now() + UPDATE_CHECK_INTERVAL_MS);
    service.resumed();
    await settle();
    expect(port.checks).toBe(2);
    service.dispose();
  });

  it('stops checking once disposed and ignores a check that answers late', async () => {
    const { port, service, emitted } = setup();
    port.latest = '1.1.0';
    service.start();
    service.check();
    const before = emitted.length;
    service.dispose();
    await vi.advanceTimersByTimeAsync(2 * UPDATE_CHECK_INTERVAL_MS);
    expect(emitted).toHaveLength(before);
    expect(port.checks).toBe(1);
    expect(port.download).not.toHaveBeenCalled();
  });
});

describe('update service: an installation that updates itself', () => {
  it('downloads a newer version in whole-percent steps, then offers a restart', async () => {
    const { port, service, emitted } = setup();
    port.latest = '1.1.0';
    expect(service.check()).toEqual({ state: 'checking', currentVersion: '1.0.0' });
    await settle();
    expect(
      emitted.map((status) => (status.state === 'downloading' ? status.percent : status.state)),
    ).toEqual(['checking', 0, 10, 55, 100, 'ready']);
    expect(service.status()).toEqual({ state: 'ready', currentVersion: '1.0.0', version: '1.1.0' });
    expect(service.install()).toEqual({ restarting: true });
    expect(port.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('does not check again once an update is ready', async () => {
    const { port, service } = setup();
    port.latest = '1.1.0';
    service.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(service.status().state).toBe('ready');
    await vi.advanceTimersByTimeAsync(3 * UPDATE_CHECK_INTERVAL_MS);
    expect(service.check().state).toBe('ready');
    expect(port.checks).toBe(1);
  });

  it('runs one check at a time', async () => {
    const { port, service } = setup();
    service.check();
    service.check();
    await settle();
    expect(port.checks).toBe(1);
  });

  it('offers the release page when the download fails', async () => {
    const { port, service, opened } = setup();
    port.latest = '1.1.0';
    port.downloadError = new Error('ECONNRESET');
    service.check();
    await settle();
    expect(service.status()).toEqual({
      state: 'manual',
      currentVersion: '1.0.0',
      version: '1.1.0',
      reason: 'download-failed',
      releaseUrl: 'https://github.com/o/r/releases/tag/v1.1.0',
    });
    await expect(service.openReleasePage()).resolves.toEqual({ opened: true });
    expect(opened).toEqual(['https://github.com/o/r/releases/tag/v1.1.0']);
  });

  it('offers the release page when the restart into the update does not happen', async () => {
    const { port, service } = setup();
    port.latest = '1.1.0';
    port.restartError = new Error('installer refused');
    service.check();
    await settle();
    expect(service.install()).toEqual({ restarting: true });
    await settle();
    expect(service.status()).toMatchObject({ state: 'manual', reason: 'install-failed' });
  });

  it('gives up on a download that stops making progress', async () => {
    const { port, service } = setup();
    port.latest = '1.1.0';
    port.hang = 'download';
    service.check();
    await settle();
    expect(service.status()).toMatchObject({ state: 'downloading', percent: 100 });
    await vi.advanceTimersByTimeAsync(DOWNLOAD_STALL_MS);
    expect(service.status()).toMatchObject({ state: 'manual', reason: 'download-failed' });
  });

  it('refuses to install before a download is ready', () => {
    const { service, port } = setup();
    let thrown: unknown;
    try {
      service.install();
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown) && thrown.code).toBe('E_BAD_REQUEST');
    expect(port.quitAndInstall).not.toHaveBeenCalled();
  });
});

describe('update service: an installation a package manager owns', () => {
  it('offers the release page instead of downloading', async () => {
    const { port, service, opened } = setup('manual');
    port.latest = '1.2.0';
    service.check();
    await settle();
    expect(port.download).not.toHaveBeenCalled();
    expect(service.status()).toMatchObject({
      state: 'manual',
      version: '1.2.0',
      reason: 'package',
    });
    await service.openReleasePage();
    expect(opened).toEqual(['https://github.com/o/r/releases/tag/v1.2.0']);
  });

  it('keeps checking and moves to a newer version; a failed check keeps the known one', async () => {
    const { port, service } = setup('manual');
    port.latest = '1.2.0';
    service.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    port.latest = '1.3.0';
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(service.status()).toMatchObject({ state: 'manual', version: '1.3.0' });
    port.checkError = new Error('proxy refused');
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(service.status()).toMatchObject({ state: 'manual', version: '1.3.0' });
    service.dispose();
  });

  it('refuses to open a release page when none is offered', async () => {
    const { service } = setup('manual');
    await expect(service.openReleasePage()).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
  });
});

describe('update service: problems', () => {
  it('reports a failed check quietly, keeping the last good check time', async () => {
    const { port, service, log } = setup();
    service.check();
    await settle();
    const checkedAt = Date.now();
    vi.setSystemTime(checkedAt + 60_000);
    port.checkError = new Error('net::ERR_PROXY_CONNECTION_FAILED');
    service.check();
    await settle();
    expect(service.status()).toEqual({
      state: 'idle',
      currentVersion: '1.0.0',
      checkedAt,
      problem: 'failed',
    });
    expect(log.records.some((r) => r.level === 'warn' && r.message === 'update check failed')).toBe(
      true,
    );
  });

  it('fails a check that never answers, and checks again later', async () => {
    const { port, service } = setup();
    port.hang = 'check';
    service.start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_DELAY_MS);
    expect(service.status().state).toBe('checking');
    await vi.advanceTimersByTimeAsync(CHECK_TIMEOUT_MS);
    expect(service.status()).toMatchObject({ state: 'idle', problem: 'failed' });
    port.hang = null;
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(port.checks).toBe(2);
    expect(service.status()).toEqual({
      state: 'idle',
      currentVersion: '1.0.0',
      checkedAt: expect.any(Number),
    });
    service.dispose();
  });

  it('says offline when the user checks without a network', () => {
    const { port, service, setOnline } = setup();
    setOnline(false);
    expect(service.check()).toEqual({
      state: 'idle',
      currentVersion: '1.0.0',
      checkedAt: null,
      problem: 'offline',
    });
    expect(port.checks).toBe(0);
  });
});
