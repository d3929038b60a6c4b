import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../../preload/contract.ts';
import UpdateBanner from '../../../../renderer/src/components/UpdateBanner.svelte';
import { I18n, i18nContext } from '../../../../renderer/src/lib/i18n/i18n.svelte.ts';
import type { Locale } from '../../../../renderer/src/lib/i18n/messages.ts';
import { UpdateStore } from '../../../../renderer/src/lib/state/updates.svelte.ts';
import { createFakeBridge, fail, ok } from '../../../fakes/bridge.ts';

const RELEASE = 'https://github.com/o/r/releases/tag/v2.0.0';

/** Version 2.0.0 to install from its release page, for `reason`. */
const manual = (
  reason: 'package' | 'download-failed' | 'install-failed',
  releaseUrl: string | null = RELEASE,
): UpdateStatus => ({
  state: 'manual',
  currentVersion: '1.0.0',
  version: '2.0.0',
  reason,
  releaseUrl,
});

async function renderBanner(status: UpdateStatus, locale: Locale = 'en') {
  const fake = createFakeBridge({
    handlers: {
      'update.status': () => ok(status),
      'update.install': () => ok({ restarting: true }),
      'update.openReleasePage': () => ok({ opened: true }),
    },
  });
  const updates = new UpdateStore(fake.bridge);
  updates.start();
  await updates.load();
  render(UpdateBanner, { props: { updates }, context: i18nContext(new I18n(locale)) });
  flushSync();
  return { fake, updates };
}

const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
};

describe('UpdateBanner', () => {
  it('renders nothing while there is nothing to offer', async () => {
    await renderBanner({
      state: 'downloading',
      currentVersion: '1.0.0',
      version: '2.0.0',
      percent: 40,
    });
    expect(screen.queryByTestId('update-banner')).toBeNull();
  });

  it('offers a restart into a downloaded version', async () => {
    const { fake } = await renderBanner({
      state: 'ready',
      currentVersion: '1.0.0',
      version: '2.0.0',
    });
    const banner = screen.getByTestId('update-banner');
    expect(banner.dataset.kind).toBe('restart');
    expect(screen.getByRole('status').textContent).toContain('Version 2.0.0 is downloaded');
    expect(screen.getByRole('region', { name: /Version 2\.0\.0/ })).toBe(banner);
    await fireEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
    await settle();
    expect(fake.calls('update.install')).toHaveLength(1);
    expect(screen.queryByTestId('update-release')).toBeNull();
  });

  it('sends a deb installation to the release page', async () => {
    const { fake } = await renderBanner(manual('package'));
    expect(screen.getByRole('status').textContent).toContain('updated from its package');
    await fireEvent.click(screen.getByRole('button', { name: 'Open the release page' }));
    await settle();
    expect(fake.calls('update.openReleasePage')).toHaveLength(1);
    expect(screen.queryByTestId('update-restart')).toBeNull();
  });

  it('says a failed download and a missing release page plainly', async () => {
    await renderBanner(manual('download-failed'));
    expect(screen.getByRole('status').textContent).toContain('could not be downloaded');
    document.body.innerHTML = '';
    await renderBanner(manual('install-failed'));
    expect(screen.getByRole('status').textContent).toContain('could not be installed');
    document.body.innerHTML = '';
    await renderBanner(manual('package', null));
    expect(screen.getByRole('status').textContent).toContain('package manager');
    expect(screen.queryByTestId('update-release')).toBeNull();
  });

  it('goes away with "Later" for that version', async () => {
    const { fake } = await renderBanner({
      state: 'ready',
      currentVersion: '1.0.0',
      version: '2.0.0',
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByTestId('update-banner')).toBeNull();
    fake.emit('update.changed', { state: 'ready', currentVersion: '1.0.0', version: '2.0.1' });
    flushSync();
    expect(screen.getByTestId('update-banner')).toBeTruthy();
  });

  it('shows why a restart failed', async () => {
    const { fake } = await renderBanner({
      state: 'ready',
      currentVersion: '1.0.0',
      version: '2.0.0',
    });
    fake.setHandler('update.install', () =>
      fail('E_BAD_REQUEST', 'No update has been downloaded yet.'),
    );
    await fireEvent.click(screen.getByTestId('update-restart'));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('No update has been downloaded yet.');
  });

  it('speaks Russian', async () => {
    await renderBanner({ state: 'ready', currentVersion: '1.0.0', version: '2.0.0' }, 'ru');
    expect(screen.getByRole('button', { name: 'Перезапустить и обновить' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Версия 2.0.0 загружена');
  });
});
