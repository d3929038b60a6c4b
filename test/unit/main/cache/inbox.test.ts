/**
 * The inbox store: adding is idempotent by id, the list is newest first and capped, every action
 * changes only the entries named, and the unread count skips read, done and snoozed entries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { INBOX_LIST_LIMIT, type NewInboxEntry } from '../../../../main/cache/index.ts';
import { testCache, type TestCache } from './fixtures.ts';

const NOW = 1_750_000_000_000; // the fixtures' clock

let t: TestCache | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

function entry(id: string, createdAt: number, init: Partial<NewInboxEntry> = {}): NewInboxEntry {
  return {
    id,
    kind: 'assigned',
    issueKey: 'Q-1',
    summary: `summary ${id}`,
    actor: 'Anna',
    createdAt,
    ...init,
  };
}

describe('inbox', () => {
  it('adds entries once per id and lists them newest first with summary and actor', () => {
    t = testCache();
    expect(t.cache.addInbox([entry('a', 1), entry('b', 3), entry('c', 2, { actor: null })])).toBe(
      3,
    );
    t.cache.updateInbox(['a'], { action: 'read' });
    // The same change seen again must not reset what the user did with it.
    expect(t.cache.addInbox([entry('a', 1, { summary: 'changed' })])).toBe(0);
    const list = t.cache.listInbox();
    expect(list.map((e) => e.id)).toEqual(['b', 'c', 'a']);
    expect(list[2]).toEqual({
      id: 'a',
      kind: 'assigned',
      issueKey: 'Q-1',
      summary: 'summary a',
      actor: 'Anna',
      createdAt: 1,
      read: true,
      done: false,
      snoozedUntil: null,
    });
    expect(list[1]?.actor).toBeNull();
  });

  it(`lists at most ${INBOX_LIST_LIMIT} entries`, () => {
    t = testCache();
    t.cache.addInbox(Array.from({ length: INBOX_LIST_LIMIT + 20 }, (_, i) => entry(`e${i}`, i)));
    const list = t.cache.listInbox();
    expect(list).toHaveLength(INBOX_LIST_LIMIT);
    expect(list[0]?.id).toBe(`e${INBOX_LIST_LIMIT + 19}`);
  });

  it('applies read, unread, done, undone and snooze to the named entries only', () => {
    t = testCache();
    t.cache.addInbox([entry('a', 1), entry('b', 2), entry('c', 3), entry('d', 4)]);
    expect(t.cache.unreadInbox()).toBe(4);
    expect(t.cache.updateInbox(['a', 'b', 'missing'], { action: 'read' })).toBe(2);
    expect(t.cache.unreadInbox()).toBe(2);
    t.cache.updateInbox(['b'], { action: 'unread' });
    expect(t.cache.unreadInbox()).toBe(3);
    t.cache.updateInbox(['c'], { action: 'done' });
    expect(t.cache.unreadInbox()).toBe(2);
    t.cache.updateInbox(['d'], { action: 'snooze', until: NOW + 60_000 });
    expect(t.cache.unreadInbox()).toBe(1);
    const byId = new Map(t.cache.listInbox().map((e) => [e.id, e]));
    expect(byId.get('c')).toMatchObject({ done: true, read: false });
    expect(byId.get('d')).toMatchObject({ snoozedUntil: NOW + 60_000 });
    t.cache.updateInbox(['c'], { action: 'undone' });
    expect(t.cache.unreadInbox()).toBe(2);
    expect(t.cache.counts().unreadInbox).toBe(2);
  });

  it('counts a snoozed entry as unread again once its time has passed', () => {
    let now = NOW;
    t = testCache(() => now);
    t.cache.addInbox([entry('a', 1)]);
    t.cache.updateInbox(['a'], { action: 'snooze', until: NOW + 1000 });
    expect(t.cache.unreadInbox()).toBe(0);
    now = NOW + 1000;
    expect(t.cache.unreadInbox()).toBe(1);
  });
});
