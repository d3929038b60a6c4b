import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import SettingsView from '../../../../../renderer/src/components/settings/SettingsView.svelte';
import { setBridge } from '../../../../../renderer/src/lib/bridge.ts';
import { AUTH_SIGNED_IN_FIXTURE, fail, ok, SETTINGS_FIXTURE } from '../../../../fakes/bridge.ts';
import { createBrowserFixture, type BrowserFixtureOptions } from '../../../../fakes/browser.ts';

afterEach(() => setBridge(null));

const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
};

async function renderSettings(options: BrowserFixtureOptions = {}) {
  const fixture = await createBrowserFixture({
    sync: { state: 'idle', online: true, lastSuccessAt: Date.UTC(2026, 0, 2, 10, 30) },
    auth: AUTH_SIGNED_IN_FIXTURE,
    ...options,
    handlers: {
      'queues.list': () =>
        ok([
          { key: 'TEST', name: 'Testing' },
          { key: 'DEV', name: 'Development' },
        ]),
      ...options.handlers,
    },
  });
  setBridge(fixture.fake.bridge);
  await fixture.auth.load();
  render(SettingsView, { context: fixture.context });
  await settle();
  return fixture;
}

const byId = (id: string) => screen.getByTestId(id);

describe('SettingsView', () => {
  it('has one focusable screen title and a card per section', async () => {
    await renderSettings();
    const title = screen.getByRole('heading', { level: 2, name: 'Settings' });
    expect(title.hasAttribute('data-screen-title')).toBe(true);
    expect(title.getAttribute('tabindex')).toBe('-1');
    expect(document.querySelectorAll('[data-screen-title]')).toHaveLength(1);
    const sections = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent?.trim());
    expect(sections).toEqual(
      expect.arrayContaining([
        'Appearance',
        'Sync',
        'Notifications',
        'On the desktop',
        'Pinned queues',
        'Saved searches',
        'Account',
      ]),
    );
    expect(screen.getByTestId('app-info')).toBeTruthy();
  });

  it('saves the theme and the language at once and says "Saved"', async () => {
    const fixture = await renderSettings();
    await fireEvent.click(byId('settings-theme-dark'));
    await settle();
    expect(fixture.fake.calls('settings.update')).toEqual([{ theme: 'dark' }]);
    expect(fixture.settings.value?.theme).toBe('dark');
    const status = screen
      .getAllByRole('status')
      .find((s) => s.dataset.testid === 'settings-status');
    expect(status?.textContent).toContain('Saved');
    await fireEvent.click(byId('settings-language-ru'));
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({ language: 'ru' });
    // The language names are written in their own language.
    expect(within(byId('settings-language')).getByText('Русский')).toBeTruthy();
  });

  it('saves the sync scopes and the interval', async () => {
    const fixture = await renderSettings();
    await fireEvent.click(byId('settings-scope-followed'));
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({
      sync: { scopes: ['assigned', 'authored', 'summoned', 'favorites'], intervalMinutes: 5 },
    });
    const select = byId('settings-interval') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent?.trim())).toEqual([
      '1 minute',
      '5 minutes',
      '15 minutes',
      '30 minutes',
      '60 minutes',
    ]);
    select.value = '15';
    await fireEvent.change(select);
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({
      sync: { scopes: ['assigned', 'authored', 'summoned', 'favorites'], intervalMinutes: 15 },
    });
    await fireEvent.click(byId('settings-scope-followed'));
    await settle();
    expect(fixture.settings.value?.sync.scopes).toEqual(SETTINGS_FIXTURE.sync.scopes);
  });

  it('shows the last sync and syncs now', async () => {
    const fixture = await renderSettings();
    expect(byId('settings-last-sync').textContent).toContain('Last synced Jan 2, 2026');
    await fireEvent.click(byId('settings-sync-now'));
    await settle();
    expect(fixture.fake.calls('sync.now')).toHaveLength(1);
  });

  it('saves notification choices and disables the kinds when notifications are off', async () => {
    const fixture = await renderSettings();
    expect(screen.getAllByText('Off by default')).toHaveLength(3);
    await fireEvent.click(byId('settings-notify-comments'));
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({
      notifications: { ...SETTINGS_FIXTURE.notifications, comments: true },
    });
    await fireEvent.click(byId('settings-notify-enabled'));
    await settle();
    expect(fixture.settings.value?.notifications).toEqual({
      ...SETTINGS_FIXTURE.notifications,
      comments: true,
      enabled: false,
    });
    expect(byId('settings-notify-assigned').matches(':disabled')).toBe(true);
  });

  it('saves quiet hours: the toggle and each time', async () => {
    const fixture = await renderSettings();
    const from = screen.getByLabelText('From') as HTMLInputElement;
    const to = screen.getByLabelText('To') as HTMLInputElement;
    expect([from.value, to.value]).toEqual(['22:00', '08:00']);
    expect(from.disabled).toBe(true);
    expect(byId('settings-quiet').textContent).toContain('still arrive in the inbox');
    await fireEvent.click(screen.getByLabelText('Hold notifications back between these times'));
    await settle();
    const quiet = { enabled: true, from: '22:00', to: '08:00' };
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({
      notifications: { ...SETTINGS_FIXTURE.notifications, quietHours: quiet },
    });
    expect(from.disabled).toBe(false);
    await fireEvent.change(from, { target: { value: '23:30' } });
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({
      notifications: { ...SETTINGS_FIXTURE.notifications, quietHours: { ...quiet, from: '23:30' } },
    });
    await fireEvent.change(to, { target: { value: '07:15' } });
    await settle();
    expect(fixture.settings.value?.notifications.quietHours).toEqual({
      enabled: true,
      from: '23:30',
      to: '07:15',
    });
    // A cleared time is not saved.
    const count = fixture.fake.calls('settings.update').length;
    await fireEvent.change(to, { target: { value: '' } });
    await settle();
    expect(fixture.fake.calls('settings.update')).toHaveLength(count);
  });

  it('pauses notifications for an hour or until tomorrow morning, and resumes them', async () => {
    const fixture = await renderSettings();
    expect(screen.queryByTestId('settings-paused-until')).toBeNull();
    const before = Date.now();
    await fireEvent.click(screen.getByRole('button', { name: 'For 1 hour' }));
    await settle();
    const until = fixture.fake.calls('settings.update').at(-1)?.notifications?.pausedUntil ?? 0;
    expect(until).toBeGreaterThanOrEqual(before + 60 * 60 * 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 60 * 60 * 1000);
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({
      notifications: { ...SETTINGS_FIXTURE.notifications, pausedUntil: until },
    });
    expect(byId('settings-paused-until').textContent).toContain('Paused until');
    expect(screen.queryByRole('button', { name: 'For 1 hour' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({
      notifications: { ...SETTINGS_FIXTURE.notifications, pausedUntil: null },
    });
    expect(screen.queryByTestId('settings-paused-until')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Until tomorrow' }));
    await settle();
    const morning = new Date(
      fixture.fake.calls('settings.update').at(-1)?.notifications?.pausedUntil ?? 0,
    );
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    expect(morning.toDateString()).toBe(tomorrow.toDateString());
    expect([morning.getHours(), morning.getMinutes(), morning.getSeconds()]).toEqual([9, 0, 0]);
  });

  it('shows a pause that is still on with when it ends', async () => {
    const pausedUntil = Date.now() + 2 * 60 * 60 * 1000;
    const fixture = await renderSettings({
      settings: { notifications: { ...SETTINGS_FIXTURE.notifications, pausedUntil } },
    });
    expect(byId('settings-paused-until').textContent?.trim()).toBe(
      `Paused until ${fixture.i18n.formatDateTime(pausedUntil)}`,
    );
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
  });

  it('shows a pause that has ended as not paused', async () => {
    await renderSettings({
      settings: {
        notifications: { ...SETTINGS_FIXTURE.notifications, pausedUntil: Date.now() - 1000 },
      },
    });
    expect(screen.queryByTestId('settings-paused-until')).toBeNull();
    expect(screen.getByRole('button', { name: 'For 1 hour' })).toBeTruthy();
  });

  it('saves the desktop choices', async () => {
    const fixture = await renderSettings();
    const section = byId('settings-desktop');
    expect(within(section).getByRole('heading', { level: 3 }).textContent).toBe('On the desktop');
    expect(section.textContent).toContain('not every Linux desktop shows a tray icon');
    const tray = byId('settings-desktop-closeToTray') as HTMLInputElement;
    expect(tray.checked).toBe(false);
    await fireEvent.click(tray);
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({
      desktop: { closeToTray: true, startAtLogin: false },
    });
    await fireEvent.click(
      screen.getByRole('checkbox', { name: 'Start when I log in (hidden, in the tray)' }),
    );
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({
      desktop: { closeToTray: true, startAtLogin: true },
    });
    expect(fixture.settings.value?.desktop).toEqual({ closeToTray: true, startAtLogin: true });
  });

  it('pins a queue from the known ones and unpins it', async () => {
    const fixture = await renderSettings();
    expect(byId('settings-queues-empty')).toBeTruthy();
    const pick = byId('settings-queue-pick') as HTMLSelectElement;
    expect([...pick.options].map((o) => o.value)).toEqual(['', 'DEV', 'TEST']);
    pick.value = 'TEST';
    await fireEvent.change(pick);
    await fireEvent.click(byId('settings-queue-pin'));
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({ pinnedQueues: ['TEST'] });
    expect(within(byId('settings-pinned')).getByText('Testing')).toBeTruthy();
    const unpin = screen.getByRole('button', { name: 'Unpin the queue TEST' });
    await fireEvent.click(unpin);
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({ pinnedQueues: [] });
  });

  it('shows a failure to load the queues with a retry', async () => {
    const fixture = await renderSettings({
      handlers: { 'queues.list': () => fail('E_INTERNAL', 'no cache') },
    });
    const error = byId('settings-queues-error');
    fixture.fake.setHandler('queues.list', () => ok([{ key: 'OPS', name: 'Operations' }]));
    await fireEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    await settle();
    expect(
      [...(byId('settings-queue-pick') as HTMLSelectElement).options].map((o) => o.value),
    ).toEqual(['', 'OPS']);
  });

  it('renames and deletes saved searches', async () => {
    const fixture = await renderSettings({
      settings: {
        savedSearches: [
          { id: 'a', name: 'Bugs', text: 'bug', mode: 'text' },
          { id: 'b', name: 'Mine', text: 'Assignee: me()', mode: 'query' },
        ],
      },
    });
    expect(screen.getByText('Tracker query')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Rename “Bugs”' }));
    const input = screen.getByRole('textbox', { name: 'New name for “Bugs”' }) as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    await fireEvent.input(input, { target: { value: '   ' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByText('Enter a name.')).toBeTruthy();
    await fireEvent.input(input, { target: { value: 'Crashes' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await settle();
    expect(fixture.fake.calls('settings.update').at(-1)).toEqual({
      savedSearches: [
        { id: 'a', name: 'Crashes', text: 'bug', mode: 'text' },
        { id: 'b', name: 'Mine', text: 'Assignee: me()', mode: 'query' },
      ],
    });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename “Crashes”' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete “Mine”' }));
    await settle();
    expect(fixture.settings.value?.savedSearches.map((s) => s.id)).toEqual(['a']);
  });

  it('shows a failed save with a retry that sends the change again', async () => {
    const fixture = await renderSettings({
      handlers: { 'settings.update': () => fail('E_UNAVAILABLE', 'disk full') },
    });
    await fireEvent.click(byId('settings-theme-light'));
    await settle();
    const alert = byId('settings-save-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Couldn’t save the change');
    // The choice stays on screen.
    expect((byId('settings-theme-light') as HTMLInputElement).checked).toBe(true);
    fixture.fake.setHandler('settings.update', (patch) => ok({ ...SETTINGS_FIXTURE, ...patch }));
    await fireEvent.click(byId('settings-retry'));
    await settle();
    expect(fixture.fake.calls('settings.update')).toEqual([{ theme: 'light' }, { theme: 'light' }]);
    expect(screen.queryByTestId('settings-save-error')).toBeNull();
    expect(fixture.settings.value?.theme).toBe('light');
  });

  it('signs out from the account section after asking', async () => {
    const fixture = await renderSettings();
    expect(byId('settings-account-user').textContent).toContain('Alexey Smirnov (alex.smirnov)');
    await fireEvent.click(byId('settings-signout'));
    await settle();
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel');
    await fireEvent.click(byId('settings-signout-confirm'));
    await settle();
    expect(fixture.fake.calls('auth.signOut')).toEqual([{ clearCache: false }]);
  });

  it('shows a failure to load the settings with a retry, in Russian', async () => {
    const fixture = await createBrowserFixture({
      locale: 'ru',
      handlers: { 'settings.get': () => fail('E_INTERNAL', 'broken') },
    });
    setBridge(fixture.fake.bridge);
    render(SettingsView, { context: fixture.context });
    await settle();
    expect(screen.getByRole('heading', { level: 2, name: 'Настройки' })).toBeTruthy();
    const alert = byId('settings-load-error');
    expect(alert.textContent).toContain('Не удалось загрузить настройки');
    fixture.fake.setHandler('settings.get', () => ok(SETTINGS_FIXTURE));
    await fireEvent.click(within(alert).getByRole('button', { name: 'Повторить' }));
    await settle();
    expect(screen.getByRole('heading', { level: 3, name: 'Оформление' })).toBeTruthy();
    expect(screen.getByText('5 минут')).toBeTruthy();
  });
});
