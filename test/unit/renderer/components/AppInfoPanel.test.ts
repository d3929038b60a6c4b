import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import AppInfoPanel from '../../../../renderer/src/components/AppInfoPanel.svelte';
import { I18n, i18nContext } from '../../../../renderer/src/lib/i18n/i18n.svelte.ts';
import type { Locale } from '../../../../renderer/src/lib/i18n/messages.ts';
import { AppInfoState } from '../../../../renderer/src/lib/state/app-info.svelte.ts';
import {
  APP_INFO_FIXTURE,
  createFakeBridge,
  ok,
  type FakeBridgeOptions,
} from '../../../fakes/bridge.ts';

async function renderPanel(options: FakeBridgeOptions = {}, locale: Locale = 'en') {
  const fake = createFakeBridge(options);
  const appInfo = new AppInfoState(fake.bridge);
  appInfo.start();
  const i18n = new I18n(locale);
  render(AppInfoPanel, { props: { appInfo }, context: i18nContext(i18n) });
  await appInfo.load();
  flushSync();
  return { fake, appInfo, i18n };
}

describe('AppInfoPanel', () => {
  it('shows a loading state until the info arrives', () => {
    const fake = createFakeBridge();
    fake.hold('app.info');
    const appInfo = new AppInfoState(fake.bridge);
    void appInfo.load();
    render(AppInfoPanel, { props: { appInfo }, context: i18nContext(new I18n()) });
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.getByTestId('app-info').getAttribute('aria-busy')).toBe('true');
    expect(screen.queryByTestId('app-version')).toBeNull();
  });

  it('renders version, host, platform, runtimes and online state from the bridge', async () => {
    await renderPanel({ appInfo: { version: '3.4.5', host: 'web', versions: { node: '24.1.0' } } });
    expect(screen.getByTestId('app-version').textContent).toContain('3.4.5');
    const host = screen.getByTestId('app-host').textContent;
    expect(host).toContain('Browser tab');
    expect(host).toContain('web');
    expect(screen.getByTestId('online-state').textContent).toContain('Online');
    expect(screen.getByText('linux · x64')).toBeTruthy();
    expect(screen.getByText('24.1.0')).toBeTruthy();
    // A web host has no Electron or Chromium version to report.
    expect(screen.getAllByText('n/a')).toHaveLength(2);
    expect(screen.getByRole('heading', { name: 'About this app' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'About this app' })).toBeTruthy();
  });

  it('renders in Russian', async () => {
    await renderPanel({}, 'ru');
    expect(screen.getByTestId('app-host').textContent).toContain('Приложение для компьютера');
    expect(screen.getByTestId('online-state').textContent).toContain('В сети');
    expect(screen.getByText(APP_INFO_FIXTURE.versions.electron ?? '')).toBeTruthy();
  });

  it('updates the online state when main reports a change', async () => {
    const { fake } = await renderPanel();
    fake.emitOnline({ online: false, changedAt: 10 });
    flushSync();
    expect(screen.getByTestId('online-state').textContent).toContain('Offline');
    fake.emitOnline({ online: true, changedAt: 20 });
    flushSync();
    expect(screen.getByTestId('online-state').textContent).toContain('Online');
  });

  it('shows the error with a retry button that calls app.info again', async () => {
    const { fake } = await renderPanel({
      appInfoError: { code: 'E_UNAVAILABLE', message: 'The app core did not answer' },
    });
    expect(screen.getByRole('alert').textContent).toContain('Couldn’t reach the app core');
    expect(screen.getByText('The app core did not answer')).toBeTruthy();
    expect(screen.getByText('Error code: E_UNAVAILABLE')).toBeTruthy();
    expect(screen.queryByTestId('app-version')).toBeNull();

    fake.setHandler('app.info', () => ok({ ...APP_INFO_FIXTURE, version: '7.0.0' }));
    screen.getByRole('button', { name: 'Try again' }).click();
    expect(fake.calls('app.info')).toHaveLength(2);
    expect((await screen.findByTestId('app-version')).textContent).toContain('7.0.0');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
