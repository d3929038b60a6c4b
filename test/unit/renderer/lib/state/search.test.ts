import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchState } from '../../../../../renderer/src/lib/state/search.svelte.ts';
import { createFakeBridge, fail } from '../../../../fakes/bridge.ts';
import { createLibrary } from '../../../../fakes/library.ts';

function setup() {
  const fake = createFakeBridge({ handlers: createLibrary().handlers });
  return { fake, search: new SearchState(fake.bridge, { debounceMs: 120, limit: 5 }) };
}

afterEach(() => vi.useRealTimers());

describe('SearchState', () => {
  it('debounces typing into one search for the last text', async () => {
    vi.useFakeTimers();
    const { fake, search } = setup();
    search.input('c');
    search.input('cr');
    search.input('crash');
    expect(search.busy).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.calls('issues.search')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(30);
    expect(fake.calls('issues.search')).toEqual([{ text: 'crash', limit: 5 }]);
    expect(search.hits).toHaveLength(5);
    expect(search.busy).toBe(false);
    expect(search.searchedText).toBe('crash');
  });

  it('offers a typed issue key first and moves the highlight with wrap-around', async () => {
    vi.useFakeTimers();
    const { search } = setup();
    search.input('test-12');
    await vi.advanceTimersByTimeAsync(150);
    expect(search.typedKey).toBe('TEST-12');
    expect(search.options[0]).toEqual({ kind: 'key', key: 'TEST-12' });
    // The key starts highlighted, so Enter opens it; plain words start with nothing highlighted.
    expect(search.current).toEqual({ kind: 'key', key: 'TEST-12' });
    search.input('test');
    expect(search.highlighted).toBe(-1);
    search.input('test-12');
    await vi.advanceTimersByTimeAsync(150);
    search.move(search.options.length);
    expect(search.current).toEqual({ kind: 'key', key: 'TEST-12' });
    search.move(-1);
    expect(search.highlighted).toBe(search.options.length - 1);
  });

  it('clears at once and ignores answers to older text', async () => {
    vi.useFakeTimers();
    const { fake, search } = setup();
    const release = fake.hold('issues.search');
    search.input('crash');
    await vi.advanceTimersByTimeAsync(130);
    search.clear();
    release();
    await vi.runAllTimersAsync();
    expect(search.hits).toEqual([]);
    expect(search.text).toBe('');
    expect(search.busy).toBe(false);
  });

  it('keeps a failure for the status line', async () => {
    vi.useFakeTimers();
    const { fake, search } = setup();
    fake.setHandler('issues.search', () => fail('E_INTERNAL', 'fts broken'));
    search.input('x');
    await vi.advanceTimersByTimeAsync(130);
    expect(search.error).toEqual({ code: 'E_INTERNAL', message: 'fts broken' });
  });
});
