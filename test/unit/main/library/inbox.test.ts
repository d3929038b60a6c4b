/** inbox.list / inbox.update over a real cache: the answer after a change and `inbox.changed`. */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventChannel, EventPayload } from '../../../../preload/contract.ts';
import type { EventEmitter } from '../../../../main/ipc/events.ts';
import { createInboxService } from '../../../../main/library/inbox.ts';
import { testCache, type TestCache } from '../cache/fixtures.ts';

const NOW = 1_750_000_000_000; // the fixtures' clock

let t: TestCache | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

function rig() {
  t = testCache();
  const events: Array<[string, unknown]> = [];
  const emitter: EventEmitter = {
    emit<E extends EventChannel>(channel: E, payload: EventPayload<E>) {
      events.push([channel, payload]);
    },
  };
  const cache = t.cache;
  cache.addInbox([
    { id: 'a', kind: 'assigned', issueKey: 'Q-1', summary: 'One', actor: 'Anna', createdAt: 1 },
    { id: 'b', kind: 'comment', issueKey: 'Q-2', summary: 'Two', actor: null, createdAt: 2 },
    { id: 'c', kind: 'status', issueKey: null, summary: 'Three', actor: 'Boris', createdAt: 3 },
  ]);
  return { inbox: createInboxService({ cache: () => cache, events: emitter }), events };
}

describe('inbox service', () => {
  it('lists newest first with the unread count', () => {
    const { inbox, events } = rig();
    const list = inbox.list();
    expect(list.unread).toBe(3);
    expect(list.entries.map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect(list.entries[1]).toMatchObject({ kind: 'comment', summary: 'Two', actor: null });
    expect(events).toEqual([]);
  });

  it('applies an update, answers with the inbox after it and emits inbox.changed', () => {
    const { inbox, events } = rig();
    const afterRead = inbox.update({ ids: ['a', 'b'], action: 'read' });
    expect(afterRead.unread).toBe(1);
    expect(afterRead.entries.filter((e) => e.read).map((e) => e.id)).toEqual(['b', 'a']);
    const afterSnooze = inbox.update({ ids: ['c'], action: 'snooze', until: NOW + 60_000 });
    expect(afterSnooze.unread).toBe(0);
    expect(afterSnooze.entries[0]?.snoozedUntil).toBe(NOW + 60_000);
    inbox.update({ ids: ['a'], action: 'unread' });
    expect(events).toEqual([
      ['inbox.changed', { unread: 1 }],
      ['inbox.changed', { unread: 0 }],
      ['inbox.changed', { unread: 1 }],
    ]);
  });

  it('fails with E_UNAVAILABLE without a cache', () => {
    const inbox = createInboxService({ cache: () => null, events: { emit: () => undefined } });
    expect(() => inbox.list()).toThrowError(expect.objectContaining({ code: 'E_UNAVAILABLE' }));
  });
});
