import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../../../../renderer/src/lib/bridge.ts';
import Sidebar from '../../../../../renderer/src/components/sidebar/Sidebar.svelte';
import { ok } from '../../../../fakes/bridge.ts';
import { createBrowserFixture } from '../../../../fakes/browser.ts';
import { createLibrary } from '../../../../fakes/library.ts';
import type { Locale } from '../../../../../renderer/src/lib/i18n/messages.ts';

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
};

async function setup(locale: Locale = 'en') {
  const fixture = await createBrowserFixture({
    locale,
    handlers: { ...createLibrary().handlers, 'inbox.list': () => ok({ entries: [], unread: 3 }) },
    settings: {
      pinnedQueues: ['DOCS'],
      savedSearches: [{ id: 's1', name: 'Crashes', text: 'crash', mode: 'text' }],
    },
  });
  // Components create their own state objects on the app's bridge; point it at the fake.
  setBridge(fixture.fake.bridge);
  render(Sidebar, { context: fixture.context });
  await settle();
  return fixture;
}

afterEach(() => setBridge(null));

describe('Sidebar', () => {
  it('lists the views with counts and marks the current one with aria-current', async () => {
    const { navigation } = await setup();
    const assigned = screen.getByTestId('nav-assigned');
    expect(assigned.getAttribute('aria-current')).toBe('page');
    expect(assigned.textContent).toContain('Assigned to me');
    expect(assigned.textContent).toContain('15 issues');
    await fireEvent.click(screen.getByTestId('nav-all'));
    expect(navigation.route).toEqual({ screen: 'view', view: { kind: 'scope', scope: 'all' } });
    flushSync();
    expect(screen.getByTestId('nav-all').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-assigned').hasAttribute('aria-current')).toBe(false);
  });

  it('shows the inbox unread badge and follows inbox.changed', async () => {
    const { fake } = await setup();
    expect(screen.getByTestId('nav-inbox').textContent).toContain('3 unread');
    fake.emit('inbox.changed', { unread: 12 });
    flushSync();
    expect(screen.getByTestId('nav-inbox').textContent).toContain('12 unread');
  });

  it('opens pinned queues, pins another from the picker and unpins', async () => {
    const { navigation, settings } = await setup();
    await fireEvent.click(screen.getByTestId('nav-queue'));
    expect(navigation.route).toEqual({ screen: 'view', view: { kind: 'queue', queue: 'DOCS' } });
    const pin = screen.getByTestId('pin-queue');
    await fireEvent.click(pin);
    await settle();
    expect(pin.getAttribute('aria-expanded')).toBe('true');
    const picker = screen.getByTestId('queue-picker');
    const choices = within(picker).getAllByTestId('queue-choice');
    // DOCS is pinned already, so it is not offered again.
    expect(choices.map((c) => c.dataset['queue'])).toEqual(['TEST', 'MOBILE']);
    await fireEvent.input(within(picker).getByRole('searchbox'), { target: { value: 'mob' } });
    expect(within(picker).getAllByTestId('queue-choice')).toHaveLength(1);
    await fireEvent.click(within(picker).getByTestId('queue-choice'));
    await settle();
    expect(settings.value?.pinnedQueues).toEqual(['DOCS', 'MOBILE']);
    expect(screen.queryByTestId('queue-picker')).toBeNull();
    expect(document.activeElement).toBe(pin);
    await fireEvent.click(screen.getAllByTestId('unpin-queue')[0]!);
    await settle();
    expect(settings.value?.pinnedQueues).toEqual(['MOBILE']);
  });

  it('closes the queue picker with Escape, returning the focus', async () => {
    await setup();
    const pin = screen.getByTestId('pin-queue');
    await fireEvent.click(pin);
    await settle();
    await fireEvent.keyDown(screen.getByTestId('queue-picker'), { key: 'Escape' });
    await settle();
    expect(screen.queryByTestId('queue-picker')).toBeNull();
    expect(document.activeElement).toBe(pin);
  });

  it('opens a saved search and deletes it only after confirmation', async () => {
    const { navigation, settings, fake } = await setup();
    await fireEvent.click(screen.getByTestId('saved-search'));
    expect(navigation.route).toEqual({ screen: 'view', view: { kind: 'saved', id: 's1' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Delete saved search Crashes' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('saved-confirm-keep'));
    await fireEvent.click(screen.getByTestId('saved-confirm-keep'));
    await settle();
    expect(fake.calls('settings.update')).toHaveLength(0);
    expect(document.activeElement).toBe(screen.getByTestId('saved-delete'));
    await fireEvent.click(screen.getByTestId('saved-delete'));
    await settle();
    await fireEvent.click(screen.getByTestId('saved-confirm-delete'));
    await settle();
    expect(settings.value?.savedSearches).toEqual([]);
    expect(screen.getByText(/Save this search/)).toBeTruthy();
  });

  it('moves between entries with the arrow keys and opens the settings', async () => {
    const { navigation } = await setup();
    const inbox = screen.getByTestId('nav-inbox');
    inbox.focus();
    await fireEvent.keyDown(inbox, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByTestId('nav-assigned'));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getByTestId('nav-settings'));
    await fireEvent.click(screen.getByTestId('nav-settings'));
    expect(navigation.route).toEqual({ screen: 'settings' });
    flushSync();
    expect(screen.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page');
  });

  it('speaks Russian with correct plural forms', async () => {
    await setup('ru');
    expect(screen.getByRole('heading', { name: 'Очереди' })).toBeTruthy();
    expect(screen.getByTestId('nav-assigned').textContent).toContain('15 задач');
    expect(screen.getByTestId('nav-inbox').textContent).toContain('3 непрочитанных');
  });
});
