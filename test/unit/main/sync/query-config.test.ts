/** Query text and config resolution. */
import { describe, expect, it } from 'vitest';
import {
  configuredScopes,
  DEFAULT_SYNC_CONFIG,
  resolveSyncConfig,
  scopeQuery,
} from '../../../../main/sync/config.ts';
import { chunks, formatQueryDate, keysQuery, passQuery } from '../../../../main/sync/query.ts';

describe('query text', () => {
  it('formats UTC date literals floored to the second', () => {
    expect(formatQueryDate(Date.UTC(2025, 0, 2, 3, 4, 5, 999))).toBe('2025-01-02 03:04:05');
    expect(formatQueryDate(Date.UTC(999, 11, 31, 23, 59, 59))).toBe('0999-12-31 23:59:59');
  });

  it('builds the window query, sorted oldest first with a key tie-break', () => {
    const from = Date.UTC(2025, 5, 1, 11, 50, 0, 250);
    expect(passQuery('Assignee: me()', from)).toBe(
      '(Assignee: me()) AND Updated: >= "2025-06-01 11:50:00" "Sort by": Updated ASC, Key ASC',
    );
    expect(passQuery('Queue: DESK', undefined)).toBe(
      '(Queue: DESK) "Sort by": Updated ASC, Key ASC',
    );
    expect(passQuery('Queue: DESK', -5)).toBe('(Queue: DESK) "Sort by": Updated ASC, Key ASC');
  });

  it('puts only plain keys into a Key query', () => {
    expect(keysQuery(['A-1', 'B_2-30', 'x-1', 'A-1) OR (Queue: X'])).toBe('Key: A-1, B_2-30');
    expect(keysQuery(['nope'])).toBeUndefined();
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('sync config', () => {
  it('has the documented defaults', () => {
    expect(resolveSyncConfig()).toEqual(DEFAULT_SYNC_CONFIG);
    expect(DEFAULT_SYNC_CONFIG).toMatchObject({
      intervalMs: 60_000,
      overlapMs: 600_000,
      scrollThreshold: 10_000,
    });
  });

  it('lists scopes in sync order, pinned queues last, without repeats', () => {
    const config = resolveSyncConfig({
      scopes: ['assigned', 'opened', 'assigned'],
      pinnedQueues: ['DESK', 'WEB', 'DESK'],
    });
    expect(configuredScopes(config)).toEqual(['assigned', 'opened', 'queue:DESK', 'queue:WEB']);
  });

  it('rejects what could change a query or break a run', () => {
    expect(() => resolveSyncConfig({ pinnedQueues: ['DESK OR Author: me()'] })).toThrow(RangeError);
    expect(() => resolveSyncConfig({ scopes: ['everything' as 'assigned'] })).toThrow(RangeError);
    expect(() => resolveSyncConfig({ pageSize: 0 })).toThrow(RangeError);
    expect(() => resolveSyncConfig({ intervalMs: Number.NaN })).toThrow(RangeError);
    expect(resolveSyncConfig({ pageSize: 5000 }).pageSize).toBe(1000);
  });

  it('maps scopes to queries', () => {
    expect(scopeQuery('assigned')).toBe('Assignee: me()');
    expect(scopeQuery('summoned')).toBe('"Pending Reply From": me()');
    expect(scopeQuery('favorites')).toBe('"Favorited by": me()');
    expect(scopeQuery('queue:DESK')).toBe('Queue: DESK');
    expect(scopeQuery('opened')).toBeUndefined();
    expect(scopeQuery('queue:bad key')).toBeUndefined();
    expect(scopeQuery('toString')).toBeUndefined();
  });
});
