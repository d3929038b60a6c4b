import { describe, expect, it } from 'vitest';
import { allowedExternalUrl } from '../../../../main/security/external-links.ts';

describe('allowedExternalUrl', () => {
  it.each([
    'https://tracker.yandex.ru/QUEUE-1',
    'https://tracker.yandex.com/QUEUE-1?focus=comment',
    'https://oauth.yandex.ru/authorize?response_type=code&client_id=x',
    'https://TRACKER.yandex.ru./QUEUE-2',
  ])('opens %s', (url) => {
    expect(allowedExternalUrl(url)).not.toBeNull();
  });

  it.each([
    'http://tracker.yandex.ru/QUEUE-1',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://tracker.yandex.ru/x',
    'https://tracker.yandex.ru.evil.com/',
    'https://evil.com/#tracker.yandex.ru',
    'https://evil.com/?u=https://tracker.yandex.ru',
    'https://user:pw@tracker.yandex.ru/',
    'https://tracker.yandex.ru:8443/',
    'https://sub.tracker.yandex.ru/',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(allowedExternalUrl(url)).toBeNull();
  });

  it('refuses absurdly long URLs', () => {
    expect(allowedExternalUrl('https://tracker.yandex.ru/' + 'a'.repeat(5000))).toBeNull();
  });
});
