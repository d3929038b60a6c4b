import { render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../../renderer/src/App.svelte';
import { setBridge } from '../../../renderer/src/lib/bridge.ts';
import { createFakeBridge } from '../../fakes/bridge.ts';

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
    // Both panels report the missing core, each with its own retry.
    const info = within(screen.getByTestId('app-info'));
    expect((await info.findByRole('alert')).textContent).toContain('E_UNAVAILABLE');
    expect(info.getByRole('button', { name: 'Try again' })).toBeTruthy();
    const workspace = within(screen.getByTestId('workspace'));
    expect((await workspace.findByRole('alert')).textContent).toContain('E_UNAVAILABLE');
  });

  it('shows the workspace panel above the app info and follows workspace events while mounted', async () => {
    const fake = createFakeBridge();
    setBridge(fake.bridge);
    const { unmount } = render(App);
    const panel = screen.getByTestId('workspace');
    expect(screen.getByRole('main').contains(panel)).toBe(true);
    expect(
      panel.compareDocumentPosition(screen.getByTestId('app-info')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Open the demo workspace' })).toBeTruthy();
    expect(fake.calls('workspace.state')).toHaveLength(1);
    expect(fake.listenerCount('workspace.changed')).toBe(1);

    screen.getByTestId('workspace-open-demo').click();
    expect((await screen.findByTestId('workspace-user')).textContent).toContain('Alexey Smirnov');

    unmount();
    expect(fake.listenerCount('workspace.changed')).toBe(0);
  });
});
