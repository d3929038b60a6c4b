import { describe, expect, it } from 'vitest';
import { SidebarState } from '../../../../../renderer/src/lib/state/views.svelte.ts';
import { createFakeBridge, ok } from '../../../../fakes/bridge.ts';
import { createLibrary } from '../../../../fakes/library.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const fake = createFakeBridge({
    handlers: { ...createLibrary().handlers, 'inbox.list': () => ok({ entries: [], unread: 4 }) },
    sync: { state: 'idle', online: true, lastSuccessAt: 1 },
  });
  return { fake, sidebar: new SidebarState(fake.bridge) };
}

describe('SidebarState', () => {
  it('follows the unread count of the inbox', async () => {
    const { fake, sidebar } = setup();
    sidebar.start();
    await settle();
    expect(sidebar.unread).toBe(4);
    fake.emit('inbox.changed', { unread: 7 });
    expect(sidebar.unread).toBe(7);
    sidebar.dispose();
    fake.emit('inbox.changed', { unread: 1 });
    expect(sidebar.unread).toBe(7);
  });

  it('counts views with one-row lists and recounts after a sync', async () => {
    const { fake, sidebar } = setup();
    sidebar.start();
    await sidebar.loadCounts(['assigned', 'queue:DOCS']);
    expect(sidebar.counts).toEqual({ assigned: 15, 'queue:DOCS': 20 });
    expect(fake.calls('issues.list').every((call) => call.limit === 1)).toBe(true);
    fake.emitSync({ state: 'syncing', online: true, lastSuccessAt: 1 });
    fake.emitSync({ state: 'idle', online: true, lastSuccessAt: 2 });
    await settle();
    expect(fake.calls('issues.list')).toHaveLength(4);
  });

  it('lists queues for pinning', async () => {
    const { sidebar } = setup();
    await sidebar.loadQueues();
    expect(sidebar.queues?.map((q) => q.key)).toEqual(['TEST', 'DOCS', 'MOBILE']);
  });
});
