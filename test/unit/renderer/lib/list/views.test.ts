import { describe, expect, it } from 'vitest';
import {
  facetsOf,
  filterRows,
  hasFilters,
  NO_FILTERS,
  scopeOf,
  sortRows,
} from '../../../../../renderer/src/lib/list/views.ts';
import { createLibrary, toSummary } from '../../../../fakes/library.ts';

const rows = createLibrary().issues.map(toSummary);

describe('list view helpers', () => {
  it('maps views to cache scopes', () => {
    expect(scopeOf({ kind: 'scope', scope: 'assigned' })).toBe('assigned');
    expect(scopeOf({ kind: 'queue', queue: 'TEST' })).toBe('queue:TEST');
    expect(scopeOf({ kind: 'search', text: 'x', mode: 'text' })).toBeNull();
  });

  it('counts facet values, unassigned as an empty key', () => {
    const facets = facetsOf(rows);
    expect(facets.queues.map((q) => q.key).sort()).toEqual(['DOCS', 'MOBILE', 'TEST']);
    expect(facets.queues.reduce((sum, q) => sum + q.count, 0)).toBe(rows.length);
    expect(facets.assignees.some((a) => a.key === '')).toBe(true);
  });

  it('filters held rows by every active chip', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    const filtered = filterRows(rows, { queues: ['DOCS'], statuses: ['open'], assignees: [] });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((r) => r.queue === 'DOCS' && r.status?.key === 'open')).toBe(true);
  });

  it('sorts keys by queue and number, and by date both ways', () => {
    const keys = sortRows(rows, { field: 'key', direction: 'asc' }).map((r) => r.key);
    expect(keys.slice(0, 3)).toEqual(['DOCS-1', 'DOCS-2', 'DOCS-3']);
    expect(keys.indexOf('DOCS-10')).toBe(keys.indexOf('DOCS-9') + 1);
    const dates = sortRows(rows, { field: 'updated', direction: 'desc' }).map((r) => r.updatedAt);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });
});
