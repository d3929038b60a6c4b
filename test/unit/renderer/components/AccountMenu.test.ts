import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import AccountMenu from '../../../../renderer/src/components/AccountMenu.svelte';
import { I18n, i18nContext } from '../../../../renderer/src/lib/i18n/i18n.svelte.ts';
import type { Locale } from '../../../../renderer/src/lib/i18n/messages.ts';
import { AuthStore } from '../../../../renderer/src/lib/state/auth.svelte.ts';
import {
  AUTH_SIGNED_IN_FIXTURE,
  createFakeBridge,
  fail,
  type FakeBridgeOptions,
} from '../../../fakes/bridge.ts';

async function renderMenu(options: FakeBridgeOptions = {}, locale: Locale = 'en') {
  const fake = createFakeBridge({ auth: AUTH_SIGNED_IN_FIXTURE, ...options });
  const auth = new AuthStore(fake.bridge);
  auth.start();
  render(AccountMenu, { props: { auth }, context: i18nContext(new I18n(locale)) });
  await auth.load();
  flushSync();
  return { fake, auth };
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

const byId = (testId: string) => screen.getByTestId(testId);

async function openDialog(): Promise<HTMLElement> {
  byId('account-signout').click();
  await settle();
  return screen.getByRole('dialog');
}

describe('AccountMenu', () => {
  it('shows the signed-in user and organization with a sign-out button', async () => {
    await renderMenu();
    const menu = screen.getByRole('group', { name: 'Account' });
    expect(menu).toBe(byId('account-menu'));
    expect(byId('account-user').textContent?.trim()).toBe('Alexey Smirnov');
    expect(byId('account-org').textContent?.trim()).toBe('8230917 · Yandex 360');
    const button = within(menu).getByRole('button', { name: 'Sign out' });
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows nothing while signed out', async () => {
    await renderMenu({ auth: { status: 'signedOut', storage: { kind: 'os', weakOptIn: false } } });
    expect(screen.queryByTestId('account-menu')).toBeNull();
  });

  it('opens a labelled modal dialog with the focus on Cancel', async () => {
    const { fake } = await renderMenu();
    const dialog = await openDialog();
    expect(dialog).toBe(byId('signout-dialog'));
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'Sign out of Tracker?' })).toBe(dialog);
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(byId('account-signout').getAttribute('aria-expanded')).toBe('true');
    expect(
      within(dialog)
        .getAllByRole('button')
        .map((b) => b.textContent?.trim()),
    ).toEqual(['Cancel', 'Sign out and clear cache', 'Sign out']);
    expect(document.activeElement).toBe(byId('signout-cancel'));
    expect(fake.calls('auth.signOut')).toHaveLength(0);
  });

  it('"Sign out" signs out keeping the cache', async () => {
    const { fake, auth } = await renderMenu();
    await openDialog();
    byId('signout-confirm').click();
    await settle();
    expect(fake.calls('auth.signOut')).toEqual([{ clearCache: false }]);
    expect(auth.state.status).toBe('signedOut');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByTestId('account-menu')).toBeNull();
  });

  it('"Sign out and clear cache" signs out clearing the cache', async () => {
    const { fake } = await renderMenu();
    await openDialog();
    byId('signout-clear').click();
    await settle();
    expect(fake.calls('auth.signOut')).toEqual([{ clearCache: true }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Escape closes the dialog without signing out and gives the focus back', async () => {
    const { fake } = await renderMenu();
    const dialog = await openDialog();
    await fireEvent.keyDown(document.activeElement ?? dialog, { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(byId('account-signout'));
    expect(byId('account-signout').getAttribute('aria-expanded')).toBe('false');
    expect(fake.calls('auth.signOut')).toHaveLength(0);
  });

  it('Cancel closes the dialog and gives the focus back', async () => {
    const { fake } = await renderMenu();
    await openDialog();
    byId('signout-cancel').click();
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(byId('account-signout'));
    expect(fake.calls('auth.signOut')).toHaveLength(0);
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    await renderMenu();
    const dialog = await openDialog();
    const cancel = byId('signout-cancel');
    const confirm = byId('signout-confirm');
    expect(document.activeElement).toBe(cancel);
    await fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
    await fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    // In the middle, Tab is left to the browser.
    const clear = byId('signout-clear');
    clear.focus();
    const moved = await fireEvent.keyDown(clear, { key: 'Tab' });
    expect(moved).toBe(true);
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('keeps the dialog open with the explained error when sign-out fails', async () => {
    const { fake, auth } = await renderMenu(
      { handlers: { 'auth.signOut': () => fail('E_INTERNAL', 'cache is locked') } },
      'ru',
    );
    const dialog = await openDialog();
    byId('signout-clear').click();
    await settle();
    expect(fake.calls('auth.signOut')).toEqual([{ clearCache: true }]);
    expect(auth.state.status).toBe('signedIn');
    const error = within(dialog).getByRole('alert');
    expect(error.textContent).toContain('Не удалось выйти');
    expect(error.textContent).toContain('Внутренняя ошибка приложения');
    expect(error.textContent).toContain('cache is locked');
    expect(screen.getByRole('dialog', { name: 'Выйти из Трекера?' })).toBe(dialog);
  });

  it('disables the choices while signing out', async () => {
    const { fake } = await renderMenu();
    const dialog = await openDialog();
    const release = fake.hold('auth.signOut');
    byId('signout-confirm').click();
    flushSync();
    expect(dialog.getAttribute('aria-busy')).toBe('true');
    for (const button of within(dialog).getAllByRole('button')) {
      expect((button as HTMLButtonElement).disabled).toBe(true);
    }
    // Escape waits for the answer rather than hiding a sign-out in progress.
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.getByRole('dialog')).toBe(dialog);
    release();
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('names a Yandex Cloud organization, in Russian too', async () => {
    await renderMenu(
      { auth: { ...AUTH_SIGNED_IN_FIXTURE, org: { id: 'bpf3crc', kind: 'cloud' } } },
      'ru',
    );
    expect(byId('account-org').textContent?.trim()).toBe('bpf3crc · Yandex Cloud');
    expect(screen.getByRole('group', { name: 'Учётная запись' })).toBeTruthy();
    expect(byId('account-signout').textContent?.trim()).toBe('Выйти');
  });
});
