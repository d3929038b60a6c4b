import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  forgetSelections,
  IssuesViewState,
  sourceOf,
} from '../../../../../renderer/src/lib/state/issues-view.svelte.ts';
import { createFakeBridge, fail } from '../../../../fakes/bridge.ts';
import { createLibrary, ME } from '../../../../fakes/library.ts';

function setup(source: ConstructorParameters<typeof IssuesViewState>[0], memoryKey?: string) {
  const library = createLibrary();
  const fake = createFakeBridge({
    handlers: library.handlers,
    sync: { state: 'idle', online: true, lastSuccessAt: 1 },
  });
  const view = new IssuesViewState(source, fake.bridge, { memoryKey, changeDebounceMs: 10 });
  return { library, fake, view };
}

afterEach(() => {
  forgetSelections();
  vi.useRealTimers();
});

describe('sourceOf', () => {
  it('resolves every view kind, saved searches from the settings', () => {
    expect(sourceOf({ kind: 'scope', scope: 'all' }, [])).toEqual({ kind: 'list', scope: 'all' });
    expect(sourceOf({ kind: 'queue', queue: 'DOCS' }, [])).toEqual({
      kind: 'list',
      scope: 'queue:DOCS',
    });
    expect(sourceOf({ kind: 'search', text: 'x', mode: 'query' }, [])).toEqual({
      kind: 'query',
      text: 'x',
    });
    const saved = [{ id: 'a', name: 'A', text: 'crash', mode: 'text' as const }];
    expect(sourceOf({ kind: 'saved', id: 'a' }, saved)).toEqual({ kind: 'text', text: 'crash' });
    expect(sourceOf({ kind: 'saved', id: 'gone' }, saved)).toBeNull();
    expect(sourceOf({ kind: 'inbox' }, [])).toBeNull();
  });
});

describe('IssuesViewState', () => {
  it('lists a scope with its filters and sort sent to the bridge', async () => {
    const { fake, view } = setup({ kind: 'list', scope: 'assigned' });
    view.start();
    await view.list.ensure(0, 10);
    expect(view.list.total).toBe(15);
    expect(view.list.rowAt(0)?.assignee?.login).toBe(ME.login);
    view.filters.toggle('statuses', 'open');
    await view.list.ensure(0, 10);
    const last = fake.calls('issues.list').at(-1)!;
    expect(last).toMatchObject({
      scope: 'assigned',
      statuses: ['open'],
      sort: { field: 'updated', direction: 'desc' },
    });
    expect(last.queues).toBeUndefined();
    expect(fake.calls('issues.facets')[0]).toEqual({ scope: 'assigned' });
    view.dispose();
  });

  it('answers text searches from the held hits: best first, filtered and sorted locally', async () => {
    const { fake, view } = setup({ kind: 'text', text: 'crash' });
    await view.list.ensure(0, 100);
    expect(fake.calls('issues.search')).toEqual([{ text: 'crash', limit: 500 }]);
    expect(view.list.total).toBe(6);
    expect(view.list.sorted).toBe(false);
    const first = view.list.rowAt(0)!;
    expect(view.snippets[first.key]).toContain('\u0002');
    expect(view.filters.facets?.queues.length).toBeGreaterThan(0);
    view.list.toggleSort('key');
    await view.list.ensure(0, 100);
    const keys = Array.from({ length: view.list.total }, (_, i) => view.list.rowAt(i)!.key);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    // Sorting and filtering reuse the hits: still one search.
    expect(fake.calls('issues.search')).toHaveLength(1);
  });

  it('reports an offline Tracker query as E_OFFLINE, and a bad one with its message', async () => {
    const { library, view } = setup({ kind: 'query', text: 'Queue: TEST' });
    library.online = false;
    await view.list.ensure(0, 10);
    expect(view.error?.code).toBe('E_OFFLINE');
    library.online = true;
    await view.retry();
    expect(view.error).toBeNull();
    expect(view.list.total).toBe(20);
  });

  it('reloads in place after a sync finishes and after issue changes', async () => {
    vi.useFakeTimers();
    const { fake, view } = setup({ kind: 'list', scope: 'all' });
    view.start();
    await view.list.ensure(0, 10);
    const before = fake.calls('issues.list').length;
    fake.emitSync({ state: 'syncing', online: true, lastSuccessAt: 1 });
    fake.emitSync({ state: 'idle', online: true, lastSuccessAt: 2 });
    await vi.runAllTimersAsync();
    expect(fake.calls('issues.list').length).toBe(before + 1);
    fake.emit('issue.changed', { key: 'TEST-1' });
    fake.emit('issue.changed', { key: 'TEST-2' });
    await vi.advanceTimersByTimeAsync(20);
    expect(fake.calls('issues.list').length).toBe(before + 2);
    view.dispose();
    fake.emit('issue.changed', { key: 'TEST-3' });
    await vi.advanceTimersByTimeAsync(20);
    expect(fake.calls('issues.list').length).toBe(before + 2);
  });

  it('shows a failing list as an error and recovers on retry', async () => {
    const { fake, view } = setup({ kind: 'list', scope: 'all' });
    fake.setHandler('issues.list', () => fail('E_INTERNAL', 'disk'));
    await view.list.ensure(0, 10);
    expect(view.error).toEqual({ code: 'E_INTERNAL', message: 'disk' });
    expect(view.loading).toBe(false);
  });

  it('remembers the opened issue per view and reselects it', async () => {
    const first = setup({ kind: 'list', scope: 'all' }, 'all');
    await first.view.list.ensure(0, 60);
    first.view.list.select(42);
    const key = first.view.list.selected!.key;
    first.view.rememberSelection();
    const again = new IssuesViewState({ kind: 'list', scope: 'all' }, first.fake.bridge, {
      memoryKey: 'all',
    });
    expect(await again.restoreSelection()).toBe(true);
    expect(again.list.selected?.key).toBe(key);
    expect(again.list.revealTick).toBe(1);
    const other = new IssuesViewState({ kind: 'list', scope: 'all' }, first.fake.bridge, {
      memoryKey: 'other',
    });
    expect(await other.restoreSelection()).toBe(false);
  });
});
