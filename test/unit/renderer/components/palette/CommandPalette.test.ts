import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import CommandPalette from '../../../../../renderer/src/components/palette/CommandPalette.svelte';
import { setBridge } from '../../../../../renderer/src/lib/bridge.ts';
import { ok } from '../../../../fakes/bridge.ts';
import { createBrowserFixture, type BrowserFixtureOptions } from '../../../../fakes/browser.ts';

afterEach(() => {
  setBridge(null);
  document.body.innerHTML = '';
});

const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  flushSync();
};

async function renderPalette(options: BrowserFixtureOptions = {}) {
  const fixture = await createBrowserFixture({
    sync: { state: 'idle', online: true, lastSuccessAt: null },
    settings: { pinnedQueues: ['OPS'] },
    ...options,
  });
  setBridge(fixture.fake.bridge);
  // Something focused before opening, to check the focus comes back to it.
  const before = document.createElement('button');
  before.textContent = 'before';
  document.body.append(before);
  before.focus();
  const result = render(CommandPalette, {
    props: { open: false, searchDelay: 0 },
    context: fixture.context,
  });
  const open = async () => {
    await result.rerender({ open: true });
    await settle();
  };
  return { fixture, before, open, ...result };
}

const input = () => screen.getByRole('combobox') as HTMLInputElement;
const options = () => within(screen.getByRole('listbox')).getAllByRole('option');
const labels = () => options().map((o) => o.querySelector('.label')?.textContent?.trim());

async function type(text: string) {
  await fireEvent.input(input(), { target: { value: text } });
  await settle();
}

describe('CommandPalette', () => {
  it('is a labelled modal dialog with a combobox that takes the focus', async () => {
    const { open } = await renderPalette();
    expect(screen.queryByRole('dialog')).toBeNull();
    await open();
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(input());
    expect(input().getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);
    expect(input().getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    expect(labels()).toContain('Queue OPS');
    expect(dialog.textContent).toContain('Enter');
  });

  it('filters as you type and moves with the arrows', async () => {
    const { open } = await renderPalette();
    await open();
    await type('sett');
    expect(labels()[0]).toBe('Open settings');
    await fireEvent.keyDown(input(), { key: 'ArrowDown' });
    expect(options()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(input().getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    await fireEvent.keyDown(input(), { key: 'ArrowUp' });
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('Enter runs the active command: navigation closes the palette', async () => {
    const { open, fixture, component } = await renderPalette();
    await open();
    await type('inbox');
    await fireEvent.keyDown(input(), { key: 'Enter' });
    await settle();
    expect(fixture.navigation.route).toEqual({ screen: 'view', view: { kind: 'inbox' } });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(component).toBeTruthy();
  });

  it('offers "Open KEY" for a typed key and opens it', async () => {
    const { open, fixture } = await renderPalette();
    await open();
    await type('test 12');
    expect(labels()[0]).toBe('Open TEST-12');
    await fireEvent.keyDown(input(), { key: 'Enter' });
    expect(fixture.navigation.route).toEqual({ screen: 'issue', key: 'TEST-12' });
  });

  it('offers offline search hits and a search command', async () => {
    const { open, fixture } = await renderPalette({
      handlers: {
        'issues.search': () =>
          ok({
            hits: [
              {
                rank: 1,
                issue: {
                  key: 'TEST-9',
                  summary: 'Crash on start',
                  queue: 'TEST',
                  status: null,
                  priority: null,
                  type: null,
                  assignee: null,
                  updatedAt: 0,
                  createdAt: 0,
                  resolved: false,
                },
              },
            ],
          }),
      },
    });
    await open();
    await type('crash');
    await settle();
    expect(labels()).toEqual([
      'Search for “crash”',
      'Run “crash” as a Tracker query',
      'Open TEST-9 — Crash on start',
    ]);
    await fireEvent.click(options()[0]!);
    expect(fixture.navigation.route).toEqual({
      screen: 'view',
      view: { kind: 'search', text: 'crash', mode: 'text' },
    });
  });

  it('Escape closes and gives the focus back', async () => {
    const { open, before } = await renderPalette();
    await open();
    await fireEvent.keyDown(input(), { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it('Tab keeps the focus in the dialog', async () => {
    const { open } = await renderPalette();
    await open();
    await fireEvent.keyDown(input(), { key: 'Tab' });
    expect(document.activeElement).toBe(input());
  });

  it('"Sync now" syncs, closes and restores the focus', async () => {
    const { open, fixture, before } = await renderPalette();
    await open();
    await type('sync');
    expect(labels()[0]).toBe('Sync now');
    await fireEvent.keyDown(input(), { key: 'Enter' });
    await settle();
    expect(fixture.fake.calls('sync.now')).toHaveLength(1);
    expect(document.activeElement).toBe(before);
  });

  it('switches the theme and the language', async () => {
    const { open, fixture } = await renderPalette();
    await open();
    await type('dark');
    await fireEvent.keyDown(input(), { key: 'Enter' });
    await open();
    await type('russian');
    await fireEvent.keyDown(input(), { key: 'Enter' });
    await settle();
    expect(fixture.fake.calls('settings.update')).toEqual([{ theme: 'dark' }, { language: 'ru' }]);
  });

  it('filters Russian labels under a Russian UI', async () => {
    const { open } = await renderPalette({ locale: 'ru' });
    await open();
    await type('настр');
    expect(labels()[0]).toBe('Открыть настройки');
    expect(screen.getByRole('dialog', { name: 'Палитра команд' })).toBeTruthy();
  });
});
