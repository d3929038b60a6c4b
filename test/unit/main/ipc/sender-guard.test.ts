import { describe, expect, it } from 'vitest';
import { checkSender, isSameOrigin } from '../../../../main/ipc/sender-guard.ts';
import { eventFrom, topFrame } from '../../../fakes/ipc-main.ts';

describe('isSameOrigin', () => {
  it.each([
    ['app://app/index.html', 'app://app', true],
    ['app://app/', 'app://app', true],
    ['APP://APP/x', 'app://app', true],
    ['app://app.evil/', 'app://app', false],
    ['app://evil/app', 'app://app', false],
    ['app://user:pw@app/', 'app://app', false],
    ['http://127.0.0.1:5000/?session=1', 'http://127.0.0.1:5000', true],
    ['http://127.0.0.1:5001/', 'http://127.0.0.1:5000', false],
    ['http://localhost:5000/', 'http://127.0.0.1:5000', false],
    ['https://127.0.0.1:5000/', 'http://127.0.0.1:5000', false],
    ['file:///app/index.html', 'app://app', false],
    ['', 'app://app', false],
    ['about:blank', 'app://app', false],
  ])('%s vs %s → %s', (url, origin, expected) => {
    expect(isSameOrigin(url, origin)).toBe(expected);
  });
});

describe('checkSender', () => {
  const trusted = (id: number) => id === 1;
  it('names each reason', () => {
    expect(checkSender(eventFrom(1, topFrame('app://app/')), 'app://app', trusted)).toBeNull();
    expect(checkSender(eventFrom(1, null), 'app://app', trusted)).toBe('no-frame');
    expect(
      checkSender(
        eventFrom(1, { url: 'app://app/', parent: topFrame('app://app/') }),
        'app://app',
        trusted,
      ),
    ).toBe('subframe');
    expect(checkSender(eventFrom(1, topFrame('https://x.test/')), 'app://app', trusted)).toBe(
      'foreign-origin',
    );
    expect(checkSender(eventFrom(2, topFrame('app://app/')), 'app://app', trusted)).toBe(
      'untrusted-webcontents',
    );
    expect(checkSender(eventFrom(1, topFrame('')), 'app://app', trusted)).toBe('bad-url');
  });
});
