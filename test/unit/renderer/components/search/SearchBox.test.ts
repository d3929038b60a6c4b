import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SearchBox from '../../../../../renderer/src/components/search/SearchBox.svelte';
import { setBridge } from '../../../../../renderer/src/lib/bridge.ts';
import { SearchState } from '../../../../../renderer/src/lib/state/search.svelte.ts';
import { createBrowserFixture, type BrowserFixtureOptions } from '../../../../fakes/browser.ts';
import { createLibrary } from '../../../../fakes/library.ts';

async function setup(options: BrowserFixtureOptions = {}) {
  const fixture = await createBrowserFixture({
    ...options,
    handlers: { ...createLibrary().handlers, ...options.handlers },
  });
  setBridge(fixture.fake.bridge);
  const search = new SearchState(fixture.fake.bridge, { debounceMs: 120 });
  render(SearchBox, { props: { search }, context: fixture.context });
  const input = screen.getByRole('combobox') as HTMLInputElement;
  input.focus();
  await fireEvent.focus(input);
  return { ...fixture, search, input };
}

async function type(input: HTMLInputElement, value: string) {
  await fireEvent.input(input, { target: { value } });
  await vi.advanceTimersByTimeAsync(130);
  flushSync();
}

afterEach(() => {
  setBridge(null);
  vi.useRealTimers();
});

describe('SearchBox', () => {
  it('is a labelled combobox the "/" shortcut can find', async () => {
    const { input } = await setup();
    expect(screen.getByRole('combobox', { name: 'Search issues' })).toBe(input);
    expect(input.hasAttribute('data-search-input')).toBe(true);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
  });

  it('searches the cache once after typing pauses and lists the hits', async () => {
    vi.useFakeTimers();
    const { input, fake } = await setup();
    await fireEvent.input(input, { target: { value: 'cr' } });
    await fireEvent.input(input, { target: { value: 'crash' } });
    await vi.advanceTimersByTimeAsync(50);
    expect(fake.calls('issues.search')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    flushSync();
    expect(fake.calls('issues.search')).toEqual([{ text: 'crash', limit: 8 }]);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const listbox = screen.getByRole('listbox', { name: 'Matching issues' });
    expect(listbox.querySelectorAll('[role="option"]')).toHaveLength(6);
    expect(listbox.querySelector('mark')?.textContent?.toLowerCase()).toContain('crash');
    expect(screen.getByTestId('search-status').textContent).toContain('6 matching issues');
  });

  it('highlights with the arrow keys and opens the highlighted hit with Enter', async () => {
    vi.useFakeTimers();
    const { input, navigation } = await setup();
    await type(input, 'crash');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    flushSync();
    const options = screen.getAllByTestId('search-option');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    const key = options[1]!.querySelector('.key')!.textContent!;
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(navigation.route).toEqual({ screen: 'issue', key });
  });

  it('offers to open a typed key first', async () => {
    vi.useFakeTimers();
    const { input, navigation } = await setup();
    await type(input, 'test-12');
    const first = screen.getAllByTestId('search-option')[0]!;
    expect(first.textContent).toContain('Open TEST-12');
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(navigation.route).toEqual({ screen: 'issue', key: 'TEST-12' });
  });

  it('shows all results on Enter and runs a Tracker query on Alt+Enter', async () => {
    vi.useFakeTimers();
    const { input, navigation } = await setup();
    await type(input, 'crash');
    await fireEvent.keyDown(input, { key: 'Enter' });
    expect(navigation.route).toEqual({
      screen: 'view',
      view: { kind: 'search', text: 'crash', mode: 'text' },
    });
    input.focus();
    await fireEvent.focus(input);
    await fireEvent.keyDown(input, { key: 'Enter', altKey: true });
    expect(navigation.route).toEqual({
      screen: 'view',
      view: { kind: 'search', text: 'crash', mode: 'query' },
    });
  });

  it('disables the Tracker query offline and says why', async () => {
    vi.useFakeTimers();
    const { input, navigation } = await setup({ appInfo: { online: false } });
    await type(input, 'crash');
    const run = screen.getByTestId('search-run-query') as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    const why = document.getElementById(run.getAttribute('aria-describedby')!);
    expect(why?.textContent).toContain('Tracker queries need a connection');
    await fireEvent.keyDown(input, { key: 'Enter', altKey: true });
    expect(navigation.route.screen).toBe('view');
    expect(navigation.canGoBack).toBe(false);
  });

  it('closes with Escape, then clears', async () => {
    vi.useFakeTimers();
    const { input, search } = await setup();
    await type(input, 'crash');
    await fireEvent.keyDown(input, { key: 'Escape' });
    flushSync();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(search.text).toBe('crash');
    await fireEvent.keyDown(input, { key: 'Escape' });
    flushSync();
    expect(search.text).toBe('');
    expect(input.value).toBe('');
  });

  it('says when nothing matches, in Russian too', async () => {
    vi.useFakeTimers();
    const { input } = await setup({ locale: 'ru' });
    expect(screen.getByRole('combobox', { name: 'Поиск задач' })).toBe(input);
    await type(input, 'zzzz');
    expect(screen.getByTestId('search-status').textContent).toContain(
      'В кеше нет подходящих задач',
    );
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});
