import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../renderer/src/App.svelte';
import { setBridge } from '../../../renderer/src/lib/bridge.ts';
import { AUTH_SIGNED_IN_FIXTURE, createFakeBridge } from '../../fakes/bridge.ts';

afterEach(() => {
  setBridge(null);
});

describe('App', () => {
  it('renders the shell landmarks and the info from the bridge', async () => {
    const fake = createFakeBridge({ appInfo: { version: '2.0.0-app' } });
    setBridge(fake.bridge);
    render(App);

    expect(screen.getByRole('banner').textContent).toContain('Tracker Desktop');
    expect(screen.getByRole('heading', { level: 1, name: 'Tracker Desktop' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(nav.querySelector('h2')?.textContent).toBe('Tracker');
    expect(screen.getByRole('main').contains(screen.getByTestId('app-info'))).toBe(true);
    expect(screen.getByRole('contentinfo')).toBeTruthy();

    expect((await screen.findByTestId('app-version')).textContent).toContain('2.0.0-app');
    expect(screen.getByTestId('app-host').textContent).toContain('Desktop app');
    expect(screen.getByRole('status').textContent).toContain('Online');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Tracker Desktop');
  });

  it('subscribes to online events while mounted and announces changes in the status bar', async () => {
    const fake = createFakeBridge();
    setBridge(fake.bridge);
    const { unmount } = render(App);
    await screen.findByTestId('app-version');
    expect(fake.listenerCount()).toBe(1);

    fake.emitOnline({ online: false, changedAt: Date.now() });
    expect(await screen.findByText('Offline', { selector: '[role="status"] span' })).toBeTruthy();
    expect(screen.getByRole('status').getAttribute('aria-live')).toBe('polite');

    unmount();
    expect(fake.listenerCount()).toBe(0);
  });

  it('uses the forced locale and sets <html lang>', async () => {
    setBridge(createFakeBridge().bridge);
    render(App, { props: { locale: 'ru' } });
    expect(screen.getByRole('navigation', { name: 'Основная навигация' })).toBeTruthy();
    expect((await screen.findByTestId('online-state')).textContent).toContain('В сети');
    expect(document.documentElement.lang).toBe('ru');
  });

  it('shows the core error with a retry button when there is no bridge at all', async () => {
    render(App);
    // The info panel and the sign-in screen each report the missing core, each with its own retry.
    const info = within(screen.getByTestId('app-info'));
    expect((await info.findByRole('alert')).textContent).toContain('E_UNAVAILABLE');
    expect(info.getByRole('button', { name: 'Try again' })).toBeTruthy();
    const signIn = within(await screen.findByTestId('signin'));
    const error = signIn.getByTestId('signin-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Couldn’t reach the app core');
    expect(error.textContent).toContain('E_UNAVAILABLE');
    expect(within(error).getByRole('button', { name: 'Try again' })).toBeTruthy();
    // The demo workspace cannot open either, and says so next to its button.
    expect(signIn.getByTestId('signin-demo-error').textContent).toContain('E_UNAVAILABLE');
  });

  it('shows the sign-in screen, with the demo button, above the app info while signed out', async () => {
    const fake = createFakeBridge();
    setBridge(fake.bridge);
    const { unmount } = render(App);
    const signIn = await screen.findByTestId('signin');
    expect(screen.getByRole('main').contains(signIn)).toBe(true);
    expect(screen.getByRole('region', { name: 'Sign in to Yandex Tracker' })).toBe(signIn);
    expect(
      signIn.compareDocumentPosition(screen.getByTestId('app-info')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.queryByTestId('workspace')).toBeNull();
    expect(screen.queryByTestId('account-menu')).toBeNull();
    const open = screen.getByRole('button', { name: 'Open the demo workspace' });
    expect(open.getAttribute('data-testid')).toBe('workspace-open-demo');
    expect(fake.calls('auth.state')).toHaveLength(1);
    expect(fake.calls('workspace.state')).toHaveLength(1);
    expect(fake.listenerCount('auth.changed')).toBe(1);
    expect(fake.listenerCount('workspace.changed')).toBe(1);

    unmount();
    expect(fake.listenerCount('auth.changed')).toBe(0);
    expect(fake.listenerCount('workspace.changed')).toBe(0);
  });

  it('opens the demo from the sign-in screen into the workspace panel, and back on close', async () => {
    const fake = createFakeBridge();
    setBridge(fake.bridge);
    const { unmount } = render(App);
    (await screen.findByTestId('workspace-open-demo')).click();
    // The browser opens on the issues assigned to the user, with the views in the sidebar.
    expect(await screen.findByTestId('browser')).toBeTruthy();
    expect(screen.queryByTestId('signin')).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('button', { name: /Assigned to me/ })).toBeTruthy();
    // The demo is not a sign-in: no account menu.
    expect(screen.queryByTestId('account-menu')).toBeNull();
    // The button that had the focus is gone; the new screen's heading takes it.
    const heading = screen.getByRole('heading', { level: 2, name: 'Assigned to me' });
    await expect.poll(() => document.activeElement).toBe(heading);

    // The workspace, the user and the app info live in the settings now.
    within(nav).getByRole('button', { name: 'Settings' }).click();
    expect((await screen.findByTestId('workspace-user')).textContent).toContain('Alexey Smirnov');
    expect(screen.getByTestId('app-info')).toBeTruthy();
    screen.getByTestId('workspace-close').click();
    expect(await screen.findByTestId('signin')).toBeTruthy();
    expect(screen.getByTestId('workspace-open-demo')).toBeTruthy();

    unmount();
    expect(fake.listenerCount('workspace.changed')).toBe(0);
  });

  it('shows neither screen until main has said whether someone is signed in', async () => {
    const fake = createFakeBridge({ auth: AUTH_SIGNED_IN_FIXTURE });
    const release = fake.hold('auth.state');
    setBridge(fake.bridge);
    render(App);
    await screen.findByTestId('app-version');
    expect(screen.queryByTestId('signin')).toBeNull();
    expect(screen.queryByTestId('browser')).toBeNull();
    expect(screen.getByRole('main').textContent).toContain('Loading…');
    release();
    expect(await screen.findByTestId('browser')).toBeTruthy();
    expect(screen.queryByTestId('signin')).toBeNull();
  });

  it('goes from signing in to the workspace with the account in the header, and back on sign-out', async () => {
    const fake = createFakeBridge();
    setBridge(fake.bridge);
    render(App);
    const org = (await screen.findByTestId('signin-org')) as HTMLInputElement;
    await fireEvent.input(org, { target: { value: 'acme-org' } });
    screen.getByTestId('signin-browser').click();

    const account = await screen.findByTestId('account-menu');
    expect(screen.getByRole('banner').contains(account)).toBe(true);
    expect(account.textContent).toContain('Alexey Smirnov');
    expect(account.textContent).toContain('acme-org · Yandex 360');
    expect(screen.getByTestId('browser')).toBeTruthy();
    expect(screen.queryByTestId('signin')).toBeNull();
    expect(fake.calls('auth.signIn')).toEqual([{ org: { id: 'acme-org', kind: 'auto' } }]);

    screen.getByTestId('account-signout').click();
    (await screen.findByTestId('signout-confirm')).click();
    expect(await screen.findByTestId('signin')).toBeTruthy();
    expect(screen.queryByTestId('account-menu')).toBeNull();
    expect(fake.calls('auth.signOut')).toEqual([{ clearCache: false }]);
    const heading = screen.getByRole('heading', { name: 'Sign in to Yandex Tracker' });
    await expect.poll(() => document.activeElement).toBe(heading);
  });

  it('goes where main asks on app.navigate (a notification or tray click), while mounted', async () => {
    const fake = createFakeBridge();
    setBridge(fake.bridge);
    const { unmount } = render(App);
    (await screen.findByTestId('workspace-open-demo')).click();
    expect(await screen.findByTestId('browser')).toBeTruthy();
    expect(fake.listenerCount('app.navigate')).toBe(1);

    fake.emit('app.navigate', { to: 'issue', key: 'DEMO-7' });
    const issue = await screen.findByTestId('issue-view');
    expect(within(issue).getAllByText(/DEMO-7/).length).toBeGreaterThan(0);

    fake.emit('app.navigate', { to: 'inbox' });
    expect(await screen.findByTestId('inbox')).toBeTruthy();
    expect(screen.queryByTestId('issue-view')).toBeNull();

    unmount();
    expect(fake.listenerCount('app.navigate')).toBe(0);
  });

  it('follows auth events: a sign-out by main shows the sign-in screen with the reason', async () => {
    const fake = createFakeBridge({ auth: AUTH_SIGNED_IN_FIXTURE });
    setBridge(fake.bridge);
    render(App, { props: { locale: 'ru' } });
    expect(await screen.findByTestId('account-menu')).toBeTruthy();
    fake.emit('auth.changed', {
      status: 'signedOut',
      storage: { kind: 'os', weakOptIn: false },
      reason: { code: 'E_UNAUTHORIZED', message: 'refresh token revoked' },
    });
    const reason = await screen.findByTestId('signin-reason');
    expect(reason.textContent).toContain(
      'Вы вышли из учётной записи: Токен недействителен или истёк. Войдите заново.',
    );
    expect(screen.queryByTestId('account-menu')).toBeNull();
  });

  it('keeps the weak-storage banner and its opt-in above the workspace once signed in', async () => {
    const fake = createFakeBridge({
      auth: { ...AUTH_SIGNED_IN_FIXTURE, storage: { kind: 'weak', weakOptIn: false } },
    });
    setBridge(fake.bridge);
    render(App);
    const banner = await screen.findByTestId('storage-banner');
    expect(
      banner.compareDocumentPosition(screen.getByTestId('browser')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    within(banner).getByRole('checkbox').click();
    await expect.poll(() => fake.calls('auth.allowWeakStorage')).toEqual([{ allow: true }]);
  });
});
