import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../preload/contract.ts';
import StatusBar from '../../../../renderer/src/components/StatusBar.svelte';
import { I18n, i18nContext } from '../../../../renderer/src/lib/i18n/i18n.svelte.ts';
import type { Locale } from '../../../../renderer/src/lib/i18n/messages.ts';
import { SyncStore } from '../../../../renderer/src/lib/state/sync.svelte.ts';
import { createFakeBridge } from '../../../fakes/bridge.ts';

const AT = Date.UTC(2026, 0, 15, 12, 3);

async function renderBar(status: SyncStatus, locale: Locale = 'en') {
  const fake = createFakeBridge({ sync: status });
  const sync = new SyncStore(fake.bridge);
  sync.start();
  await sync.load();
  const i18n = new I18n(locale);
  render(StatusBar, { props: { connection: 'online', sync }, context: i18nContext(i18n) });
  flushSync();
  return { fake, sync, i18n };
}

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const button = () => screen.getByTestId('sync-now') as HTMLButtonElement;

describe('StatusBar sync', () => {
  it('shows the last sync time in a polite live region, with an enabled button', async () => {
    const { i18n } = await renderBar({ state: 'idle', online: true, lastSuccessAt: AT });
    const state = screen.getByTestId('sync-state');
    expect(state.getAttribute('role')).toBe('status');
    expect(state.getAttribute('aria-live')).toBe('polite');
    expect(state.textContent).toBe(`Synced ${i18n.formatDateTime(AT)}`);
    expect(button().disabled).toBe(false);
    expect(button().textContent?.trim()).toBe('Sync now');
  });

  it('says when nothing was synced yet', async () => {
    await renderBar({ state: 'idle', online: true, lastSuccessAt: null });
    expect(text('sync-state')).toBe('Not synced yet');
  });

  it('shows progress with the scope outside the live region and disables the button', async () => {
    const { fake } = await renderBar({
      state: 'syncing',
      online: true,
      lastSuccessAt: null,
      progress: { scope: 'assigned', done: 120, total: 3400 },
    });
    expect(text('sync-state')).toBe('Syncing…');
    expect(text('sync-progress')).toBe('assigned to me: 120 / 3,400');
    expect(screen.getByTestId('sync-state').contains(screen.getByTestId('sync-progress'))).toBe(
      false,
    );
    expect(button().disabled).toBe(true);
    fake.emitSync({
      state: 'syncing',
      online: true,
      lastSuccessAt: null,
      progress: { scope: 'queue:TEST', done: 5, total: 9 },
    });
    flushSync();
    expect(text('sync-progress')).toBe('queue TEST: 5 / 9');
    expect(text('sync-state')).toBe('Syncing…');
  });

  it('shows the offline state', async () => {
    await renderBar({ state: 'offline', online: false, lastSuccessAt: AT });
    expect(text('sync-state')).toBe('Offline — showing saved data');
    expect(screen.queryByTestId('sync-progress')).toBeNull();
  });

  it('shows the error message and code', async () => {
    await renderBar({
      state: 'error',
      online: true,
      lastSuccessAt: null,
      error: { code: 'E_INTERNAL', message: 'The local cache was rebuilt; syncing again.' },
    });
    expect(text('sync-state')).toBe(
      'Sync failed: The local cache was rebuilt; syncing again. (E_INTERNAL)',
    );
    expect(button().disabled).toBe(false);
  });

  it('shows the paused state', async () => {
    await renderBar({ state: 'paused', online: true, lastSuccessAt: null });
    expect(text('sync-state')).toBe('Sync paused');
  });

  it('hides the indicator and the button when signed out', async () => {
    await renderBar({ state: 'signedOut', online: true, lastSuccessAt: null });
    expect(screen.queryByTestId('sync-indicator')).toBeNull();
    expect(screen.queryByTestId('sync-now')).toBeNull();
  });

  it('the button calls sync.now and shows the new time', async () => {
    const { fake, sync } = await renderBar({ state: 'idle', online: true, lastSuccessAt: null });
    await fireEvent.click(button());
    await waitFor(() => sync.status?.lastSuccessAt !== null);
    flushSync();
    expect(fake.calls('sync.now')).toHaveLength(1);
    expect(text('sync-state')).toMatch(/^Synced /);
  });

  it('renders in Russian', async () => {
    const { i18n } = await renderBar(
      {
        state: 'syncing',
        online: true,
        lastSuccessAt: AT,
        progress: { scope: 'all', done: 120, total: 3400 },
      },
      'ru',
    );
    expect(text('sync-state')).toBe('Синхронизация…');
    expect(text('sync-progress')).toBe(`все задачи: 120 / ${i18n.formatNumber(3400)}`);
    expect(button().textContent?.trim()).toBe('Синхронизировать');
  });

  it('renders the other states in Russian', async () => {
    const { fake, i18n } = await renderBar(
      { state: 'offline', online: false, lastSuccessAt: AT },
      'ru',
    );
    expect(text('sync-state')).toBe('Нет сети — показаны сохранённые данные');
    fake.emitSync({ state: 'idle', online: true, lastSuccessAt: AT });
    flushSync();
    expect(text('sync-state')).toBe(`Синхронизировано ${i18n.formatDateTime(AT)}`);
    fake.emitSync({
      state: 'error',
      online: true,
      lastSuccessAt: AT,
      error: { code: 'E_UNAVAILABLE', message: 'down' },
    });
    flushSync();
    expect(text('sync-state')).toBe('Ошибка синхронизации: down (E_UNAVAILABLE)');
  });
});

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !done(); i++) await new Promise((r) => setTimeout(r, 0));
}
