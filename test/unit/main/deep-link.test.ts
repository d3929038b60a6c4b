import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, parseDeepLink } from '../../../main/deep-link.ts';
import { IssueKeySchema } from '../../../preload/browser-schemas.ts';

describe('parseDeepLink', () => {
  it.each([
    ['tracker-desktop://issue/QUEUE-1', 'QUEUE-1'],
    ['tracker-desktop://issue/queue-42', 'QUEUE-42'],
    ['TRACKER-DESKTOP://ISSUE/Q_2-7', 'Q_2-7'],
    ['tracker-desktop://issue/QUEUE-1/', 'QUEUE-1'],
    ['https://tracker.yandex.ru/QUEUE-1', 'QUEUE-1'],
    ['https://tracker.yandex.com/QUEUE-1', 'QUEUE-1'],
    ['HTTPS://Tracker.Yandex.RU/queue-9', 'QUEUE-9'],
    ['https://tracker.yandex.ru/QUEUE-1?focus=comments#comment-5', 'QUEUE-1'],
    ['https://tracker.yandex.ru/QUEUE-1#top', 'QUEUE-1'],
    ['  https://tracker.yandex.ru/QUEUE-1  ', 'QUEUE-1'],
    [`tracker-desktop://issue/${'A'.repeat(32)}-123456789`, `${'A'.repeat(32)}-123456789`],
  ])('accepts %s', (input, key) => {
    expect(parseDeepLink(input)).toEqual({ to: 'issue', key });
    expect(v.is(IssueKeySchema, key)).toBe(true);
  });

  it.each([
    '',
    'QUEUE-1',
    'tracker-desktop://issue/',
    'tracker-desktop://issue/QUEUE',
    'tracker-desktop://issue/1QUEUE-1',
    'tracker-desktop://issue/QUEUE-1/extra',
    'tracker-desktop://issue/QUEUE-1?x=1',
    'tracker-desktop://queue/QUEUE-1',
    'tracker-desktop:issue/QUEUE-1',
    'tracker-desktop://evil@issue/QUEUE-1',
    'tracker-desktop://issue:80/QUEUE-1',
    `tracker-desktop://issue/${'A'.repeat(33)}-1`,
    'tracker-desktop://issue/QUEUE-1234567890',
    'tracker-desktop://issue/QUEUE-1%0A',
    'tracker-desktop://issue/QUE%55E-1',
    'tracker-desktop://issue/QUEUE-1\n',
    'tracker-desktop://issue/QUE\u0000UE-1',
    'tracker-desktop://issue/QUEUE-1\u0085',
    'tracker-desktop://issue/QUEUE -1',
    'http://tracker.yandex.ru/QUEUE-1',
    'https://tracker.yandex.ru:443/QUEUE-1',
    'https://user@tracker.yandex.ru/QUEUE-1',
    'https://user:pw@tracker.yandex.ru/QUEUE-1',
    'https://tracker.yandex.ru.evil.example/QUEUE-1',
    'https://evil.example/tracker.yandex.ru/QUEUE-1',
    'https://tracker.yandex.net/QUEUE-1',
    'https://api.tracker.yandex.net/v2/issues/QUEUE-1',
    'https://tracker.yandex.ru/issues/QUEUE-1',
    'https://tracker.yandex.ru/QUEUE-1/attachments',
    'https://tracker.yandex.ru/',
    'https://tracker.yandex.ru',
    'https://tracker.yandex.ru\\@evil.example/QUEUE-1',
    'javascript:alert(1)//tracker-desktop://issue/QUEUE-1',
    'file:///tracker-desktop://issue/QUEUE-1',
    'app://app/QUEUE-1',
    `https://tracker.yandex.ru/QUEUE-1?${'a'.repeat(2100)}`,
  ])('rejects %j', (input) => {
    expect(parseDeepLink(input)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(parseDeepLink(undefined as unknown as string)).toBeUndefined();
    expect(parseDeepLink(42 as unknown as string)).toBeUndefined();
  });
});

describe('deepLinkFromArgv', () => {
  it('picks the first valid link argument', () => {
    expect(
      deepLinkFromArgv([
        '/opt/tracker/tracker-desktop',
        '--hidden',
        'tracker-desktop://issue/BAD',
        'tracker-desktop://issue/q-1',
        'https://tracker.yandex.ru/Q-2',
      ]),
    ).toEqual({ to: 'issue', key: 'Q-1' });
  });

  it('returns undefined without a valid link', () => {
    expect(deepLinkFromArgv([])).toBeUndefined();
    expect(deepLinkFromArgv(['tracker', '--x', 'https://evil.example/Q-1'])).toBeUndefined();
  });
});
