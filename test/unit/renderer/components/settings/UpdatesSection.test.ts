import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../../../preload/contract.ts';
import UpdatesSection from '../../../../../renderer/src/components/settings/UpdatesSection.svelte';
import { I18n, i18nContext } from '../../../../../renderer/src/lib/i18n/i18n.svelte.ts';
import { UpdateStore } from '../../../../../renderer/src/lib/state/updates.svelte.ts';
import { createFakeBridge, ok } from '../../../../fakes/bridge.ts';

const CHECKED = Date.UTC(2026, 11, 7, 9, 30);

async function renderSection(status: UpdateStatus) {
  const fake = createFakeBridge({
    handlers: {
      'update.status': () => ok(status),
      'update.check': () => ok({ state: 'checking', currentVersion: '1.0.0' }),
      'update.openReleasePage': () => ok({ opened: true }),
    },
  });
  const updates = new UpdateStore(fake.bridge);
  updates.start();
  await updates.load();
  const i18n = new I18n('en', { timeZone: 'UTC' });
  render(UpdatesSection, { props: { updates }, context: i18nContext(i18n) });
  flushSync();
  return { fake, updates, i18n };
}

const state = () => screen.getByTestId('settings-updates-state');
const checkButton = () => screen.getByTestId('settings-updates-check') as HTMLButtonElement;

describe('UpdatesSection', () => {
  it('shows the version, when it last checked, and checks on request', async () => {
    const { fake, i18n } = await renderSection({
      state: 'idle',
      currentVersion: '1.0.0',
      checkedAt: CHECKED,
    });
    expect(screen.getByRole('heading', { name: 'Updates' })).toBeTruthy();
    expect(screen.getByText('Tracker Desktop 1.0.0')).toBeTruthy();
    expect(state().textContent).toContain(
      `You have the latest version. Last checked ${i18n.formatDateTime(CHECKED)}.`,
    );
    await fireEvent.click(checkButton());
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
    expect(fake.calls('update.check')).toHaveLength(1);
    expect(state().dataset.state).toBe('checking');
    expect(checkButton().disabled).toBe(true);
  });

  it('explains a failed or offline check without alarming', async () => {
    await renderSection({
      state: 'idle',
      currentVersion: '1.0.0',
      checkedAt: null,
      problem: 'failed',
    });
    expect(state().textContent).toContain('A proxy may be blocking github.com');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('follows a download to the restart', async () => {
    const { fake } = await renderSection({
      state: 'downloading',
      currentVersion: '1.0.0',
      version: '1.1.0',
      percent: 42,
    });
    expect(state().textContent).toContain('Downloading version 1.1.0: 42%');
    expect(checkButton().disabled).toBe(true);
    fake.emit('update.changed', { state: 'ready', currentVersion: '1.0.0', version: '1.1.0' });
    flushSync();
    expect(screen.getByTestId('settings-updates-restart')).toBeTruthy();
  });

  it('links the release page of a version to install by hand', async () => {
    const { fake } = await renderSection({
      state: 'manual',
      currentVersion: '1.0.0',
      version: '1.1.0',
      reason: 'package',
      releaseUrl: 'https://github.com/o/r/releases/tag/v1.1.0',
    });
    await fireEvent.click(screen.getByTestId('settings-updates-release'));
    expect(fake.calls('update.openReleasePage')).toHaveLength(1);
    expect(checkButton().disabled).toBe(false);
  });

  it('says when the build does not update itself, with no button', async () => {
    await renderSection({ state: 'unsupported', currentVersion: '1.0.0' });
    expect(state().textContent).toContain('does not update itself');
    expect(screen.queryByTestId('settings-updates-check')).toBeNull();
  });
});
