import { describe, expect, it, vi } from 'vitest';
import type { DeepLink } from '../../../../main/deep-link.ts';
import {
  createLinkDelivery,
  registerProtocolClient,
} from '../../../../main/platform/link-delivery.ts';
import { createRecordingLogger } from '../../../fakes/logger.ts';

const link = (key: string): DeepLink => ({ to: 'issue', key });

function setup() {
  const log = createRecordingLogger();
  const showWindow = vi.fn();
  const delivered: DeepLink[] = [];
  const links = createLinkDelivery({ log: () => log, showWindow });
  return { links, log, showWindow, delivered, navigate: (l: DeepLink) => delivered.push(l) };
}

describe('createLinkDelivery', () => {
  it('holds a link until the core is connected and the renderer has loaded, then delivers once', () => {
    const { links, delivered, navigate, showWindow } = setup();
    links.open(link('DESK-1'), 'open-url');
    expect(showWindow).toHaveBeenCalledTimes(1);
    expect(links.pending).toBe(true);
    links.connect(navigate);
    expect(delivered).toEqual([]);
    links.rendererLoaded();
    expect(delivered).toEqual([link('DESK-1')]);
    expect(links.pending).toBe(false);
    links.rendererLoaded();
    expect(delivered).toHaveLength(1);
  });

  it('keeps only the latest undelivered link', () => {
    const { links, delivered, navigate } = setup();
    links.hold(link('DESK-1'));
    links.open(link('DESK-2'), 'second-instance');
    links.connect(navigate);
    links.rendererLoaded();
    expect(delivered).toEqual([link('DESK-2')]);
  });

  it('waits again while a new window loads', () => {
    const { links, delivered, navigate } = setup();
    links.connect(navigate);
    links.rendererLoaded();
    links.rendererLoading();
    links.open(link('DESK-3'), 'second-instance');
    expect(delivered).toEqual([]);
    links.rendererLoaded();
    expect(delivered).toEqual([link('DESK-3')]);
  });

  it('ignores a link that did not parse, without showing the window', () => {
    const { links, showWindow, log } = setup();
    links.open(undefined, 'open-url');
    expect(showWindow).not.toHaveBeenCalled();
    expect(links.pending).toBe(false);
    expect(log.records.map((r) => r.message)).toEqual(['deep link ignored']);
  });

  it('holds the launch link without showing anything', () => {
    const { links, showWindow } = setup();
    links.hold(link('DESK-4'));
    expect(showWindow).not.toHaveBeenCalled();
    expect(links.pending).toBe(true);
  });
});

describe('registerProtocolClient', () => {
  it('registers the scheme, with the app path in development', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    const log = createRecordingLogger();
    registerProtocolClient(
      app,
      { argv: ['/opt/app/tracker-desktop'], execPath: '/opt/app/x' },
      log,
    );
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith(
      'tracker-desktop',
      '/opt/app/x',
      [],
    );
    registerProtocolClient(
      app,
      {
        defaultApp: true,
        argv: ['/usr/bin/electron', 'out/main/index.js'],
        execPath: '/usr/bin/electron',
      },
      log,
    );
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith(
      'tracker-desktop',
      '/usr/bin/electron',
      [expect.stringMatching(/out[\\/]main[\\/]index\.js$/)],
    );
  });

  it('logs a refusal or a failure instead of throwing', () => {
    const log = createRecordingLogger();
    registerProtocolClient(
      { setAsDefaultProtocolClient: () => false },
      { argv: [], execPath: 'x' },
      log,
    );
    const throwing = {
      setAsDefaultProtocolClient: () => {
        throw new Error('no registry');
      },
    };
    expect(() => registerProtocolClient(throwing, { argv: [], execPath: 'x' }, log)).not.toThrow();
    expect(log.records.map((r) => r.message)).toEqual([
      'protocol client not registered',
      'protocol client registration failed',
    ]);
  });
});
