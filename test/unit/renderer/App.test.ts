import { render, screen } from '@testing-library/svelte';
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
    expect((await screen.findByRole('alert')).textContent).toContain('E_UNAVAILABLE');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
