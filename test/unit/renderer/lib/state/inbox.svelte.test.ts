import { describe, expect, it } from 'vitest';
import type { Inbox, InboxEntry } from '../../../../../preload/contract.ts';
import {
  filterEntries,
  InboxStore,
  snoozeUntil,
} from '../../../../../renderer/src/lib/state/inbox.svelte.ts';
import { createFakeBridge, fail, ok } from '../../../../fakes/bridge.ts';

const NOW = Date.UTC(2026, 2, 4, 12, 0); // a Wednesday

function entry(id: string, fields: Partial<InboxEntry> = {}): InboxEntry {
  return {
    id,
    kind: 'assigned',
    issueKey: `TEST-${id}`,
    summary: `Summary ${id}`,
    actor: 'Ivan',
    createdAt: NOW - Number(id) * 60_000,
    read: false,
    done: false,
    snoozedUntil: null,
    ...fields,
  };
}

const ENTRIES = [
  entry('3'),
  entry('1', { read: true }),
  entry('2'),
  entry('4', { done: true }),
  entry('5', { snoozedUntil: NOW + 60_000 }),
  entry('6', { snoozedUntil: NOW - 60_000, read: true }),
];

const ids = (list: InboxEntry[]) => list.map((e) => e.id);

describe('filterEntries', () => {
  it('shows unread, not done, not snoozed entries newest first', () => {
    expect(ids(filterEntries(ENTRIES, 'unread', NOW))).toEqual(['2', '3']);
  });

  it('"all" keeps read ones and those whose snooze has ended, but not done ones', () => {
    expect(ids(filterEntries(ENTRIES, 'all', NOW))).toEqual(['1', '2', '3', '6']);
  });

  it('"done" and "snoozed" show only those', () => {
    expect(ids(filterEntries(ENTRIES, 'done', NOW))).toEqual(['4']);
    expect(ids(filterEntries(ENTRIES, 'snoozed', NOW))).toEqual(['5']);
  });
});

describe('snoozeUntil', () => {
  it('an hour is sixty minutes from now', () => {
    expect(snoozeUntil('hour', NOW)).toBe(NOW + 3_600_000);
  });

  it('tomorrow is 9:00 local time the next day', () => {
    const at = new Date(snoozeUntil('tomorrow', NOW));
    const today = new Date(NOW);
    expect(at.getHours()).toBe(9);
    expect(at.getMinutes()).toBe(0);
    expect(at.getDate()).toBe(
      new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).getDate(),
    );
  });

  it('next week is the coming Monday at 9:00, a full week ahead on a Monday', () => {
    const wednesday = new Date(2026, 2, 4, 15, 30).getTime();
    const monday = new Date(2026, 2, 9, 8, 0).getTime();
    expect(snoozeUntil('nextWeek', wednesday)).toBe(new Date(2026, 2, 9, 9, 0).getTime());
    expect(snoozeUntil('nextWeek', monday)).toBe(new Date(2026, 2, 16, 9, 0).getTime());
  });
});

describe('InboxStore', () => {
  const inbox: Inbox = { entries: ENTRIES, unread: 3 };

  it('loads the inbox', async () => {
    const fake = createFakeBridge({ handlers: { 'inbox.list': () => ok(inbox) } });
    const store = new InboxStore(fake.bridge);
    const loading = store.load();
    expect(store.status).toBe('loading');
    await loading;
    expect(store.status).toBe('ready');
    expect(store.inbox).toEqual(inbox);
  });

  it('a failed first load is an error; a failed reload keeps the entries', async () => {
    const fake = createFakeBridge({ handlers: { 'inbox.list': () => fail('E_INTERNAL', 'boom') } });
    const store = new InboxStore(fake.bridge);
    await store.load();
    expect(store.status).toBe('error');
    expect(store.error).toEqual({ code: 'E_INTERNAL', message: 'boom' });
    fake.setHandler('inbox.list', () => ok(inbox));
    await store.load();
    expect(store.status).toBe('ready');
    fake.setHandler('inbox.list', () => fail('E_UNAVAILABLE'));
    await store.load();
    expect(store.status).toBe('ready');
    expect(store.inbox).toEqual(inbox);
    expect(store.error?.code).toBe('E_UNAVAILABLE');
  });

  it('update() sends the action and takes the answer; snooze carries until', async () => {
    const after: Inbox = { entries: [entry('3', { read: true })], unread: 0 };
    const fake = createFakeBridge({
      handlers: { 'inbox.list': () => ok(inbox), 'inbox.update': () => ok(after) },
    });
    const store = new InboxStore(fake.bridge);
    await store.load();
    expect(await store.update(['3'], 'read')).toBe(true);
    expect(store.inbox).toEqual(after);
    await store.update(['1', '2'], 'snooze', 123);
    expect(fake.calls('inbox.update')).toEqual([
      { ids: ['3'], action: 'read' },
      { ids: ['1', '2'], action: 'snooze', until: 123 },
    ]);
    expect(await store.update([], 'done')).toBe(false);
    expect(fake.calls('inbox.update')).toHaveLength(2);
  });

  it('a failed update is kept in updateError and cleared by the next success', async () => {
    const fake = createFakeBridge({
      handlers: { 'inbox.list': () => ok(inbox), 'inbox.update': () => fail('E_OFFLINE') },
    });
    const store = new InboxStore(fake.bridge);
    await store.load();
    expect(await store.update(['3'], 'done')).toBe(false);
    expect(store.updateError?.code).toBe('E_OFFLINE');
    expect(store.inbox).toEqual(inbox);
    fake.setHandler('inbox.update', () => ok(inbox));
    await store.update(['3'], 'done');
    expect(store.updateError).toBeNull();
  });

  it('reloads on inbox.changed until disposed', async () => {
    let calls = 0;
    const fake = createFakeBridge({
      handlers: { 'inbox.list': () => ok({ entries: [], unread: calls++ }) },
    });
    const store = new InboxStore(fake.bridge);
    store.start();
    store.start();
    expect(fake.listenerCount('inbox.changed')).toBe(1);
    await store.load();
    fake.emit('inbox.changed', { unread: 5 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.inbox?.unread).toBe(1);
    store.dispose();
    expect(fake.listenerCount('inbox.changed')).toBe(0);
  });
});
