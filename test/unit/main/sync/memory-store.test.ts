/** The in-memory SyncStore: the port's contract, plus its all-or-nothing commits. */
import { describe, expect, it } from 'vitest';
import { MemorySyncStore } from '../../../../main/sync/memory-store.ts';
import { comment, issue, syncStoreContract } from './store-contract.ts';

syncStoreContract('memory', () => new MemorySyncStore());

describe('MemorySyncStore', () => {
  it('applies nothing of a commit that fails', () => {
    const store = new MemorySyncStore();
    const mark = { updatedAt: 10, complete: false };
    store.commitPage({ scope: 'assigned', issues: [issue('A-1', 1)], watermark: mark });
    store.failNextCommit = new Error('disk full');
    expect(() =>
      store.commitPage({
        scope: 'assigned',
        issues: [issue('A-1', 2), issue('A-2', 1)],
        comments: new Map([['A-1', [comment(1)]]]),
        watermark: { updatedAt: 20, complete: false },
      }),
    ).toThrow('disk full');
    expect(store.getWatermark('assigned')).toEqual(mark);
    expect(store.keys()).toEqual(['A-1']);
    expect(store.issue('A-1')?.version).toBe(1);
    expect(store.comments('A-1')).toBeUndefined();
  });

  it('records opened issues without touching a watermark', () => {
    const store = new MemorySyncStore();
    store.addToScope('opened', [issue('O-1', 1)]);
    expect(store.scopeKeys('opened')).toEqual(['O-1']);
    expect(store.getWatermark('opened')).toBeUndefined();
  });
});
