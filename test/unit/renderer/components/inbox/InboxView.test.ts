import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Inbox, InboxEntry } from '../../../../../preload/contract.ts';
import InboxView from '../../../../../renderer/src/components/inbox/InboxView.svelte';
import { setBridge } from '../../../../../renderer/src/lib/bridge.ts';
import { fail, ok } from '../../../../fakes/bridge.ts';
import { createBrowserFixture, type BrowserFixtureOptions } from '../../../../fakes/browser.ts';

afterEach(() => setBridge(null));

const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
};

const NOW = Date.now();

function entry(id: string, fields: Partial<InboxEntry> = {}): InboxEntry {
  return {
    id,
    kind: 'assigned',
    issueKey: `TEST-${id}`,
    summary: `Summary ${id}`,
    actor: 'Ivan Petrov',
    createdAt: NOW - Number(id) * 60_000,
    read: false,
    done: false,
    snoozedUntil: null,
    ...fields,
  };
}

/** A fake inbox that applies updates like main would. */
function inboxHandlers(initial: InboxEntry[]) {
  let entries = initial;
  const answer = (): Inbox => ({ entries, unread: entries.filter((e) => !e.read).length });
  return {
    'inbox.list': () => ok(answer()),
    'inbox.update': ({ ids, action, until }) => {
      entries = entries.map((e) => {
        if (!ids.includes(e.id)) return e;
        if (action === 'read' || action === 'unread') return { ...e, read: action === 'read' };
        if (action === 'done' || action === 'undone') return { ...e, done: action === 'done' };
        return { ...e, snoozedUntil: until ?? null };
      });
      return ok(answer());
    },
  } satisfies BrowserFixtureOptions['handlers'];
}

const ENTRIES = [
  entry('1', { kind: 'comment' }),
  entry('2', { kind: 'summoned', read: true }),
  entry('3', { kind: 'status' }),
];

async function renderInbox(options: BrowserFixtureOptions = {}, entries = ENTRIES) {
  const fixture = await createBrowserFixture({
    sync: { state: 'idle', online: true, lastSuccessAt: null },
    ...options,
    handlers: { ...inboxHandlers(entries), ...options.handlers },
  });
  setBridge(fixture.fake.bridge);
  render(InboxView, { context: fixture.context });
  await settle();
  return fixture;
}

const rows = () => screen.queryAllByTestId('inbox-entry');
const rowIds = () => rows().map((row) => row.dataset.id);

describe('InboxView', () => {
  it('lists unread entries newest first with kind, key, summary and actor', async () => {
    await renderInbox();
    expect(screen.getByRole('heading', { level: 2, name: 'Inbox' }).dataset.screenTitle).toBe('');
    expect(screen.getByTestId('inbox-unread').textContent).toBe('2 unread');
    expect(rowIds()).toEqual(['1', '3']);
    const first = rows()[0]!;
    expect(first.textContent).toContain('New comment');
    expect(first.textContent).toContain('TEST-1');
    expect(first.textContent).toContain('Summary 1');
    expect(first.textContent).toContain('by Ivan Petrov');
    expect(screen.getByRole('list', { name: 'Inbox entries' })).toBeTruthy();
  });

  it('filters Unread / All / Done / Snoozed', async () => {
    await renderInbox({}, [
      ...ENTRIES,
      entry('4', { done: true }),
      entry('5', { snoozedUntil: NOW + 3_600_000 }),
    ]);
    const filter = screen.getByRole('group', { name: 'Show' });
    await fireEvent.click(within(filter).getByRole('button', { name: 'All' }));
    expect(rowIds()).toEqual(['1', '2', '3']);
    expect(screen.getByTestId('inbox-filter-all').getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(screen.getByTestId('inbox-filter-done'));
    expect(rowIds()).toEqual(['4']);
    await fireEvent.click(screen.getByTestId('inbox-filter-snoozed'));
    expect(rowIds()).toEqual(['5']);
    expect(rows()[0]!.textContent).toContain('Snoozed until');
  });

  it('opening an entry marks it read and opens the issue', async () => {
    const fixture = await renderInbox();
    await fireEvent.click(within(rows()[0]!).getByTestId('inbox-open'));
    await settle();
    expect(fixture.fake.calls('inbox.update')).toEqual([{ ids: ['1'], action: 'read' }]);
    expect(fixture.navigation.route).toEqual({ screen: 'issue', key: 'TEST-1' });
  });

  it('marks read, done and snoozes with the row buttons', async () => {
    const fixture = await renderInbox();
    await fireEvent.click(screen.getByTestId('inbox-filter-all'));
    await fireEvent.click(within(rows()[0]!).getByRole('button', { name: 'Mark as read' }));
    await settle();
    expect(within(rows()[0]!).getByRole('button', { name: 'Mark as unread' })).toBeTruthy();
    await fireEvent.click(within(rows()[0]!).getByRole('button', { name: 'Done' }));
    await settle();
    expect(rowIds()).toEqual(['2', '3']);
    const snooze = within(rows()[0]!).getByRole('button', { name: 'Snooze TEST-2' });
    expect(snooze.getAttribute('aria-haspopup')).toBe('menu');
    await fireEvent.click(snooze);
    await settle();
    const menu = screen.getByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((m) => m.textContent?.trim()),
    ).toEqual(['For an hour', 'Until tomorrow, 9:00', 'Until Monday, 9:00']);
    expect(document.activeElement?.textContent?.trim()).toBe('For an hour');
    const before = Date.now();
    await fireEvent.click(within(menu).getByRole('menuitem', { name: 'For an hour' }));
    await settle();
    const calls = fixture.fake.calls('inbox.update');
    expect(calls.slice(0, 2)).toEqual([
      { ids: ['1'], action: 'read' },
      { ids: ['1'], action: 'done' },
    ]);
    expect(calls[2]).toMatchObject({ ids: ['2'], action: 'snooze' });
    expect(calls[2]!.until).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(rowIds()).toEqual(['3']);
  });

  it('works by keyboard: j/k and arrows move, u toggles read, e done, s snooze, Enter opens', async () => {
    const fixture = await renderInbox();
    await fireEvent.click(screen.getByTestId('inbox-filter-all'));
    const main = (index: number) => within(rows()[index]!).getByTestId('inbox-open');
    main(0).focus();
    await fireEvent.keyDown(main(0), { key: 'j' });
    await settle();
    expect(document.activeElement).toBe(main(1));
    expect(main(1).getAttribute('tabindex')).toBe('0');
    expect(main(0).getAttribute('tabindex')).toBe('-1');
    await fireEvent.keyDown(main(1), { key: 'ArrowDown' });
    await settle();
    expect(document.activeElement).toBe(main(2));
    await fireEvent.keyDown(main(2), { key: 'k' });
    await settle();
    expect(document.activeElement).toBe(main(1));
    await fireEvent.keyDown(main(1), { key: 'u' });
    await settle();
    expect(fixture.fake.calls('inbox.update').at(-1)).toEqual({ ids: ['2'], action: 'unread' });
    await fireEvent.keyDown(main(1), { key: 'e' });
    await settle();
    expect(fixture.fake.calls('inbox.update').at(-1)).toEqual({ ids: ['2'], action: 'done' });
    expect(rowIds()).toEqual(['1', '3']);
    // The focus stays at the same place in the list.
    expect(document.activeElement).toBe(main(1));
    await fireEvent.keyDown(main(1), { key: 's' });
    await settle();
    const menu = screen.getByRole('menu');
    await fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent?.trim()).toBe('Until tomorrow, 9:00');
    await fireEvent.keyDown(menu, { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(
      within(rows()[1]!).getByRole('button', { name: 'Snooze TEST-3' }),
    );
    main(1).focus();
    await fireEvent.click(main(1));
    await settle();
    expect(fixture.navigation.route).toEqual({ screen: 'issue', key: 'TEST-3' });
  });

  it('applies actions to the selected entries', async () => {
    const fixture = await renderInbox();
    for (const row of rows()) await fireEvent.click(within(row).getByRole('checkbox'));
    const bar = screen.getByRole('group', { name: 'Selected entries' });
    expect(within(bar).getByTestId('inbox-selected-count').textContent).toBe('2 selected');
    await fireEvent.click(within(bar).getByRole('button', { name: 'Done' }));
    await settle();
    expect(fixture.fake.calls('inbox.update')).toEqual([{ ids: ['1', '3'], action: 'done' }]);
    expect(screen.queryByRole('group', { name: 'Selected entries' })).toBeNull();
  });

  it('an empty inbox explains where entries come from and offers "Sync now"', async () => {
    const fixture = await renderInbox({}, []);
    const empty = screen.getByTestId('inbox-empty');
    expect(empty.textContent).toContain('When someone assigns an issue to you, it appears here');
    await fireEvent.click(within(empty).getByRole('button', { name: 'Sync now' }));
    await settle();
    expect(fixture.fake.calls('sync.now')).toHaveLength(1);
  });

  it('with everything read, the unread filter says so and offers all entries', async () => {
    await renderInbox({}, [entry('1', { read: true })]);
    const empty = screen.getByTestId('inbox-empty');
    expect(empty.textContent).toContain('You’re all caught up');
    await fireEvent.click(within(empty).getByRole('button', { name: 'Show all entries' }));
    expect(rowIds()).toEqual(['1']);
  });

  it('shows a load error with a retry, and an offline note', async () => {
    const fixture = await renderInbox({
      appInfo: { online: false },
      handlers: { 'inbox.list': () => fail('E_INTERNAL', 'cache locked') },
    });
    expect(screen.getByTestId('inbox-offline')).toBeTruthy();
    const error = screen.getByTestId('inbox-error');
    expect(error.textContent).toContain('Couldn’t load the inbox');
    fixture.fake.setHandler('inbox.list', () => ok({ entries: ENTRIES, unread: 2 }));
    await fireEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    await settle();
    expect(rowIds()).toEqual(['1', '3']);
  });

  it('reloads on inbox.changed', async () => {
    const fixture = await renderInbox({}, []);
    fixture.fake.setHandler('inbox.list', () => ok({ entries: [entry('7')], unread: 1 }));
    fixture.fake.emit('inbox.changed', { unread: 1 });
    await settle();
    await settle();
    expect(rowIds()).toEqual(['7']);
  });

  it('speaks Russian with correct plurals', async () => {
    await renderInbox({ locale: 'ru' }, [
      entry('1'),
      entry('2'),
      entry('3'),
      entry('4'),
      entry('5'),
    ]);
    expect(screen.getByRole('heading', { level: 2, name: 'Входящие' })).toBeTruthy();
    expect(screen.getByTestId('inbox-unread').textContent).toBe('5 непрочитанных');
    await fireEvent.click(within(rows()[0]!).getByRole('checkbox'));
    await fireEvent.click(within(rows()[1]!).getByRole('checkbox'));
    expect(screen.getByTestId('inbox-selected-count').textContent).toBe('Выбраны 2 записи');
  });
});
