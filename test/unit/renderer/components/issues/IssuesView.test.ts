import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import IssuesView from '../../../../../renderer/src/components/issues/IssuesView.svelte';
import { setBridge } from '../../../../../renderer/src/lib/bridge.ts';
import type { ViewId } from '../../../../../renderer/src/lib/state/navigation.svelte.ts';
import { forgetSelections } from '../../../../../renderer/src/lib/state/issues-view.svelte.ts';
import { fail, type FakeBridgeOptions } from '../../../../fakes/bridge.ts';
import { createBrowserFixture } from '../../../../fakes/browser.ts';
import { createLibrary, type LibraryOptions } from '../../../../fakes/library.ts';

const settle = async () => {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
};

async function setup(
  view: ViewId,
  options: { library?: LibraryOptions; bridge?: FakeBridgeOptions } = {},
) {
  const library = createLibrary(options.library);
  const fixture = await createBrowserFixture({
    sync: { state: 'idle', online: true, lastSuccessAt: 1 },
    ...options.bridge,
    handlers: { ...library.handlers, ...options.bridge?.handlers },
  });
  setBridge(fixture.fake.bridge);
  fixture.navigation.goView(view);
  const result = render(IssuesView, { props: { view }, context: fixture.context });
  await settle();
  return { ...fixture, library, ...result };
}

const rows = () => screen.queryAllByTestId('issue-row');
const grid = () => screen.getByRole('grid');

afterEach(() => {
  setBridge(null);
  forgetSelections();
});

describe('IssuesView', () => {
  it('shows the title, the total and the rows of a scope', async () => {
    await setup({ kind: 'scope', scope: 'assigned' });
    const title = screen.getByRole('heading', { level: 2 });
    expect(title.textContent).toBe('Assigned to me');
    expect(title.hasAttribute('data-screen-title')).toBe(true);
    expect(screen.getByTestId('issues-total').textContent).toBe('15 issues');
    expect(rows()).toHaveLength(15);
    expect(grid().getAttribute('aria-label')).toBe('Issues of Assigned to me');
  });

  it('sends the chips to the bridge and clears them', async () => {
    const { fake } = await setup({ kind: 'scope', scope: 'all' });
    const chip = screen.getByTestId('filter-statuses');
    await fireEvent.click(chip);
    await settle();
    const listbox = screen.getByRole('listbox', { name: 'Status' });
    expect(document.activeElement).toBe(listbox);
    const options = within(listbox).getAllByRole('option');
    expect(options.map((o) => o.textContent?.replace(/\s+/g, ' ').trim())).toContain('Open 15');
    // Keyboard: Down then Space selects the second value.
    await fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    await fireEvent.keyDown(listbox, { key: ' ' });
    await settle();
    const second = options[1]!.dataset['value']!;
    expect(fake.calls('issues.list').at(-1)).toMatchObject({ scope: 'all', statuses: [second] });
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    expect(chip.textContent).toContain('1 selected');
    expect(screen.getByTestId('issues-total').textContent).toBe('15 issues');
    await fireEvent.keyDown(listbox, { key: 'Escape' });
    await settle();
    expect(document.activeElement).toBe(chip);
    await fireEvent.click(screen.getByTestId('filter-clear'));
    await settle();
    expect(fake.calls('issues.list').at(-1)?.statuses).toBeUndefined();
    expect(screen.getByTestId('issues-total').textContent).toBe('60 issues');
  });

  it('sorts by a column header click, with aria-sort', async () => {
    const { fake } = await setup({ kind: 'scope', scope: 'all' });
    const header = screen.getByTestId('issue-sort-key');
    await fireEvent.click(header);
    await settle();
    expect(fake.calls('issues.list').at(-1)?.sort).toEqual({ field: 'key', direction: 'asc' });
    expect(header.closest('[role="columnheader"]')?.getAttribute('aria-sort')).toBe('ascending');
    expect(rows()[0]?.dataset['key']).toBe('DOCS-1');
  });

  it('moves with j/k and opens with Enter or a click on the key', async () => {
    const { navigation } = await setup({ kind: 'scope', scope: 'all' });
    grid().focus();
    await fireEvent.keyDown(grid(), { key: 'j' });
    await fireEvent.keyDown(grid(), { key: 'j' });
    await fireEvent.keyDown(grid(), { key: 'k' });
    flushSync();
    const selected = grid().querySelector('[aria-selected="true"]') as HTMLElement;
    expect(selected.getAttribute('aria-rowindex')).toBe('2');
    await fireEvent.keyDown(grid(), { key: 'Enter' });
    expect(navigation.route).toEqual({ screen: 'issue', key: selected.dataset['key'] });
    navigation.back();
    const key = rows()[4]!.querySelector('.key') as HTMLElement;
    await fireEvent.click(key);
    expect(navigation.route).toEqual({ screen: 'issue', key: rows()[4]!.dataset['key'] });
  });

  it('reselects the opened issue when the user comes back', async () => {
    const first = await setup({ kind: 'scope', scope: 'all' });
    grid().focus();
    for (let i = 0; i < 5; i++) await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    await fireEvent.keyDown(grid(), { key: 'Enter' });
    const opened = (first.navigation.route as { key: string }).key;
    first.unmount();
    const view: ViewId = { kind: 'scope', scope: 'all' };
    render(IssuesView, { props: { view }, context: first.context });
    await settle();
    await settle();
    const selected = screen
      .getByRole('grid')
      .querySelector('[aria-selected="true"]') as HTMLElement;
    expect(selected.dataset['key']).toBe(opened);
    // The list takes the focus back, on that row, so j/k go on from there.
    expect(document.activeElement).toBe(screen.getByRole('grid'));
  });

  it('leaves the focus where the user put it while the list comes back', async () => {
    const first = await setup({ kind: 'scope', scope: 'all' });
    grid().focus();
    await fireEvent.keyDown(grid(), { key: 'j' });
    await fireEvent.keyDown(grid(), { key: 'Enter' });
    first.unmount();
    const elsewhere = document.body.appendChild(document.createElement('button'));
    elsewhere.focus();
    render(IssuesView, {
      props: { view: { kind: 'scope', scope: 'all' } },
      context: first.context,
    });
    await settle();
    await settle();
    expect(screen.getByRole('grid').querySelector('[aria-selected="true"]')).not.toBeNull();
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('reloads after a sync without losing the selection', async () => {
    const { fake, library } = await setup({ kind: 'scope', scope: 'all' });
    grid().focus();
    await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    const before = fake.calls('issues.list').length;
    const shown = library.issues.findIndex((issue) => issue.key === rows()[0]!.dataset['key']);
    library.issues[shown] = { ...library.issues[shown]!, summary: 'Renamed after sync' };
    fake.emitSync({ state: 'syncing', online: true, lastSuccessAt: 1 });
    fake.emitSync({ state: 'idle', online: true, lastSuccessAt: 2 });
    await settle();
    expect(fake.calls('issues.list').length).toBeGreaterThan(before);
    expect(screen.getByText('Renamed after sync')).toBeTruthy();
    expect(grid().querySelector('[aria-selected="true"]')?.getAttribute('aria-rowindex')).toBe('2');
  });

  it('says what to do when a view is empty', async () => {
    const { fake } = await setup({ kind: 'scope', scope: 'assigned' }, { library: { issues: [] } });
    expect(screen.getByTestId('list-empty').textContent).toContain('Nothing assigned to you.');
    const syncNow = screen.getByTestId('list-sync-now');
    await fireEvent.click(syncNow);
    expect(fake.calls('sync.now')).toHaveLength(1);
    expect(
      screen.getByRole('grid', { hidden: true }).closest('.list')?.hasAttribute('hidden'),
    ).toBe(true);
  });

  it('shows the first sync’s progress instead of an empty view until it has finished', async () => {
    const { fake } = await setup(
      { kind: 'scope', scope: 'assigned' },
      {
        library: { issues: [] },
        bridge: {
          sync: {
            state: 'syncing',
            online: true,
            lastSuccessAt: null,
            progress: { scope: 'assigned', done: 120, total: 400 },
          },
        },
      },
    );
    const first = screen.getByTestId('first-sync');
    expect(first.textContent).toContain('Getting your issues from Tracker…');
    expect(screen.getByTestId('first-sync-progress').textContent).toBe('assigned to me: 120 / 400');
    const bar = first.querySelector('progress')!;
    expect([bar.value, bar.max]).toEqual([120, 400]);
    expect(screen.queryByTestId('list-empty')).toBeNull();

    // Done: the view is simply empty, with its next step.
    fake.emitSync({ state: 'idle', online: true, lastSuccessAt: Date.now() });
    await settle();
    expect(screen.queryByTestId('first-sync')).toBeNull();
    expect(screen.getByTestId('list-empty').textContent).toContain('Nothing assigned to you.');
  });

  it('shows an error with a retry that recovers', async () => {
    const { library } = await setup(
      { kind: 'queue', queue: 'TEST' },
      { library: { listError: { code: 'E_INTERNAL', message: 'database is locked' } } },
    );
    const alert = screen.getByTestId('list-error');
    expect(alert.textContent).toContain('Couldn’t load the issues');
    expect(alert.textContent).toContain('database is locked');
    library.listError = undefined;
    await fireEvent.click(screen.getByTestId('list-retry'));
    await settle();
    expect(screen.queryByTestId('list-error')).toBeNull();
    expect(rows()).toHaveLength(20);
  });

  it('notes calmly that cached data is shown while offline', async () => {
    await setup({ kind: 'scope', scope: 'all' }, { bridge: { appInfo: { online: false } } });
    expect(screen.getByTestId('list-offline').textContent).toContain('You’re offline');
    expect(rows().length).toBeGreaterThan(0);
  });

  it('shows text search hits best first with highlighted snippets, never as HTML', async () => {
    await setup(
      { kind: 'search', text: 'crash', mode: 'text' },
      {
        bridge: {
          handlers: {
            'issues.search': () => ({
              ok: true,
              data: {
                hits: [
                  {
                    issue: createLibrary().issues[0]!,
                    rank: -3,
                    snippet: 'a <img src=x onerror=alert(1)> \u0002crash\u0003 here',
                  },
                ],
              },
            }),
          },
        },
      },
    );
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Search: crash');
    const mark = grid().querySelector('mark');
    expect(mark?.textContent).toBe('crash');
    expect(grid().querySelector('img')).toBeNull();
    expect(grid().textContent).toContain('<img src=x onerror=alert(1)>');
    expect(
      grid().querySelectorAll('[aria-sort="ascending"], [aria-sort="descending"]'),
    ).toHaveLength(0);
  });

  it('saves a search under a name from an accessible dialog', async () => {
    const { settings, navigation } = await setup({ kind: 'search', text: 'crash', mode: 'text' });
    const open = screen.getByTestId('save-search');
    open.focus();
    await fireEvent.click(open);
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'Save this search' });
    const name = within(dialog).getByLabelText('Name') as HTMLInputElement;
    expect(document.activeElement).toBe(name);
    expect(name.value).toBe('crash');
    await fireEvent.input(name, { target: { value: '' } });
    await fireEvent.click(within(dialog).getByTestId('save-search-confirm'));
    expect(within(dialog).getByText('Enter a name.')).toBeTruthy();
    await fireEvent.input(name, { target: { value: 'Login crashes' } });
    await fireEvent.click(within(dialog).getByTestId('save-search-confirm'));
    await settle();
    const saved = settings.value?.savedSearches ?? [];
    expect(saved).toMatchObject([{ name: 'Login crashes', text: 'crash', mode: 'text' }]);
    expect(navigation.route).toEqual({ screen: 'view', view: { kind: 'saved', id: saved[0]!.id } });
  });

  it('cancels the save dialog with Escape and gives the focus back', async () => {
    await setup({ kind: 'search', text: 'crash', mode: 'text' });
    const open = screen.getByTestId('save-search');
    open.focus();
    await fireEvent.click(open);
    await settle();
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it('offers the cache instead when a Tracker query cannot run offline', async () => {
    const { navigation } = await setup(
      { kind: 'search', text: 'crash', mode: 'query' },
      { library: { online: false }, bridge: { appInfo: { online: false } } },
    );
    expect(screen.getByTestId('query-offline').textContent).toContain('need a connection');
    await fireEvent.click(screen.getByTestId('use-cache'));
    expect(navigation.route).toEqual({
      screen: 'view',
      view: { kind: 'search', text: 'crash', mode: 'text' },
    });
  });

  it('shows Tracker’s message and a hint for a bad query', async () => {
    await setup(
      { kind: 'search', text: 'Status: ???', mode: 'query' },
      { library: { queryError: { code: 'E_BAD_REQUEST', message: 'Unknown field ???' } } },
    );
    const alert = screen.getByTestId('list-error');
    expect(alert.textContent).toContain('Tracker didn’t accept the query');
    expect(alert.textContent).toContain('Unknown field ???');
    expect(alert.textContent).toContain('query language');
  });

  it('runs a saved search from the settings, and explains a missing one', async () => {
    const { fake } = await setup(
      { kind: 'saved', id: 'q1' },
      {
        bridge: {
          settings: {
            savedSearches: [{ id: 'q1', name: 'Docs', text: 'Queue: DOCS', mode: 'query' }],
          },
        },
      },
    );
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Docs');
    expect(fake.calls('issues.query')).toEqual([{ query: 'Queue: DOCS', limit: 500 }]);
    expect(rows()).toHaveLength(20);
    expect(screen.queryByTestId('save-search')).toBeNull();
    const missing = await setup({ kind: 'saved', id: 'gone' });
    expect(screen.getByTestId('saved-missing')).toBeTruthy();
    expect(missing.fake.calls('issues.list')).toHaveLength(0);
  });

  it('stays virtualized over 50,000 rows, asking only for the pages in view', async () => {
    const base = createLibrary().issues;
    const big = Array.from({ length: 50_000 }, (_, n) => ({
      ...base[n % 60]!,
      key: `BIG-${n + 1}`,
    }));
    const { fake } = await setup(
      { kind: 'scope', scope: 'all' },
      {
        bridge: {
          handlers: {
            'issues.list': (request) => ({
              ok: true,
              data: {
                rows: big.slice(request.offset, request.offset + request.limit),
                total: big.length,
              },
            }),
          },
        },
      },
    );
    expect(screen.getByTestId('issues-total').textContent).toBe('50,000 issues');
    expect(grid().querySelectorAll('[role="row"]').length).toBeLessThanOrEqual(101);
    await fireEvent.keyDown(grid(), { key: 'End' });
    await settle();
    const last = grid().querySelector('[aria-selected="true"]') as HTMLElement;
    expect(last.dataset['key']).toBe('BIG-50000');
    expect(grid().querySelectorAll('[role="row"]').length).toBeLessThanOrEqual(101);
    expect(fake.calls('issues.list').every((call) => call.limit <= 100)).toBe(true);
  });

  it('fails the error state through fake handlers too', async () => {
    await setup(
      { kind: 'scope', scope: 'all' },
      { bridge: { handlers: { 'issues.list': () => fail('E_UNAVAILABLE', 'cache closed') } } },
    );
    expect(screen.getByTestId('list-error').textContent).toContain('cache closed');
  });
});
