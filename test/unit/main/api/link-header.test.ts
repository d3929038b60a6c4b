import { describe, expect, it } from 'vitest';
import { expandSeek, linksByRel, parseLinkHeader } from '../../../../main/api/index.ts';

const NEXT = 'https://api.tracker.yandex.net/v3/queues?perPage=50&page=2';
const SEEK = 'https://api.tracker.yandex.net/v3/queues?{&page}';

describe('parseLinkHeader', () => {
  it('parses the comma-joined value fetch produces from repeated headers', () => {
    const joined = `<${NEXT}>; rel="next", <${SEEK}>; rel="seek"`;
    expect(linksByRel(joined)).toEqual({ next: NEXT, seek: SEEK });
  });

  it('parses repeated headers given separately', () => {
    expect(linksByRel([`<${NEXT}>; rel="next"`, `<${SEEK}>; rel="seek"`])).toEqual({
      next: NEXT,
      seek: SEEK,
    });
  });

  it('keeps commas and semicolons inside the URI', () => {
    const uri = 'https://x/v3/issues/_search?expand=transitions,attachments&a=1;b=2&page=3';
    const header = `<${uri}>; rel=next, <https://x/v3/issues/_search?page=1>; rel=first`;
    expect(linksByRel(header)).toEqual({ next: uri, first: 'https://x/v3/issues/_search?page=1' });
  });

  it('handles quoted rel values, several rels, extra params and odd spacing', () => {
    const header =
      '<https://x/a>;rel="next last";title="a, b; c", <https://x/b> ; REL = "First" ;  type="text/html"';
    const links = parseLinkHeader(header);
    expect(links).toEqual([
      {
        uri: 'https://x/a',
        rels: ['next', 'last'],
        params: { rel: 'next last', title: 'a, b; c' },
      },
      { uri: 'https://x/b', rels: ['first'], params: { rel: 'First', type: 'text/html' } },
    ]);
    expect(linksByRel(header)).toEqual({
      next: 'https://x/a',
      last: 'https://x/a',
      first: 'https://x/b',
    });
  });

  it('handles escaped quotes and keeps the first rel param and the first link per rel', () => {
    const header =
      '<https://x/1>; title="say \\"hi\\""; rel="next"; rel="prev", <https://x/2>; rel="next"';
    const [first] = parseLinkHeader(header);
    expect(first?.params.title).toBe('say "hi"');
    expect(first?.rels).toEqual(['next']);
    expect(linksByRel(header).next).toBe('https://x/1');
  });

  it('never throws on garbage', () => {
    for (const bad of [
      '',
      'garbage',
      '<unterminated',
      '; rel=next',
      ',,,',
      '<a>; rel="open',
      '<>',
    ]) {
      expect(() => parseLinkHeader(bad)).not.toThrow();
    }
    expect(parseLinkHeader(null)).toEqual([]);
    expect(linksByRel('<a>; rel="open')).toEqual({ open: 'a' });
  });
});

describe('expandSeek', () => {
  it('fills the {&page} and {?page} templates', () => {
    expect(expandSeek(SEEK, 4)).toBe('https://api.tracker.yandex.net/v3/queues?page=4');
    expect(expandSeek('https://x/v3/queues?perPage=50{&page}', 2)).toBe(
      'https://x/v3/queues?perPage=50&page=2',
    );
    expect(expandSeek('https://x/v3/queues{?page}', 3)).toBe('https://x/v3/queues?page=3');
  });
});
