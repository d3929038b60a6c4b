import { describe, expect, it } from 'vitest';
import {
  computeWindow,
  PageCache,
  revealRow,
  rowsPerViewport,
} from '../../../../../renderer/src/lib/list/virtual-window.ts';

const base = { scrollTop: 0, viewportHeight: 360, rowHeight: 36, total: 50_000, overscan: 5 };

describe('computeWindow', () => {
  it('shows the first rows plus overscan below at the top', () => {
    expect(computeWindow(base)).toEqual({
      start: 0,
      end: 15,
      offsetTop: 0,
      totalHeight: 1_800_000,
    });
  });

  it('adds overscan on both sides in the middle', () => {
    const w = computeWindow({ ...base, scrollTop: 36 * 1000 + 10 });
    expect(w.start).toBe(995);
    expect(w.end).toBe(1016);
    expect(w.offsetTop).toBe(995 * 36);
  });

  it('clamps to the last rows at and past the bottom', () => {
    const bottom = computeWindow({ ...base, scrollTop: 1_800_000 - 360 });
    expect(bottom.end).toBe(50_000);
    expect(bottom.start).toBe(50_000 - 10 - 5);
    expect(computeWindow({ ...base, scrollTop: 9e9 })).toEqual(bottom);
  });

  it('is empty for no rows and tolerates odd input', () => {
    expect(computeWindow({ ...base, total: 0 })).toEqual({
      start: 0,
      end: 0,
      offsetTop: 0,
      totalHeight: 0,
    });
    expect(computeWindow({ ...base, scrollTop: -50, overscan: -1 })).toMatchObject({
      start: 0,
      end: 10,
    });
    expect(computeWindow({ ...base, total: 3 })).toMatchObject({ start: 0, end: 3 });
    expect(computeWindow({ ...base, viewportHeight: 0, overscan: 0 })).toMatchObject({
      start: 0,
      end: 1,
    });
  });

  it('keeps the window size bounded anywhere in the list', () => {
    for (const scrollTop of [0, 123_456, 900_000, 1_799_640]) {
      const w = computeWindow({ ...base, scrollTop });
      expect(w.end - w.start).toBeLessThanOrEqual(21);
    }
  });
});

describe('revealRow and rowsPerViewport', () => {
  it('scrolls only as far as needed', () => {
    expect(revealRow(5, 0, 360, 36)).toBe(0);
    expect(revealRow(10, 0, 360, 36)).toBe(36);
    expect(revealRow(2, 720, 360, 36)).toBe(72);
    expect(revealRow(-1, 100, 360, 36)).toBe(0);
  });

  it('counts whole rows, at least one', () => {
    expect(rowsPerViewport(360, 36)).toBe(10);
    expect(rowsPerViewport(10, 36)).toBe(1);
  });
});

describe('PageCache', () => {
  it('lists the pages a range needs and which are missing', () => {
    const cache = new PageCache<number>(100, 4);
    expect(cache.pagesFor(0, 0)).toEqual([]);
    expect(cache.pagesFor(0, 100)).toEqual([0]);
    expect(cache.pagesFor(95, 205)).toEqual([0, 1, 2]);
    cache.set(1, [1]);
    expect(cache.missing(95, 205)).toEqual([0, 2]);
    expect(cache.has(1)).toBe(true);
  });

  it('returns rows by index and undefined for missing ones', () => {
    const cache = new PageCache<string>(10, 4);
    cache.set(2, ['a', 'b']);
    expect(cache.get(20)).toBe('a');
    expect(cache.get(21)).toBe('b');
    expect(cache.get(22)).toBeUndefined();
    expect(cache.get(5)).toBeUndefined();
    expect(cache.get(-1)).toBeUndefined();
  });

  it('evicts the pages farthest from the focus so memory stays bounded', () => {
    const cache = new PageCache<number>(100, 5);
    for (let page = 0; page < 500; page++) {
      cache.set(page, [page]);
      expect(cache.size).toBeLessThanOrEqual(5);
    }
    expect(cache.pages).toEqual([495, 496, 497, 498, 499]);
    expect(cache.set(10, [10], 12)).toEqual([499]);
    expect(cache.pages).toEqual([10, 495, 496, 497, 498]);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('rejects nonsense sizes', () => {
    expect(() => new PageCache(0, 1)).toThrow(RangeError);
    expect(() => new PageCache(1, 0)).toThrow(RangeError);
  });
});
