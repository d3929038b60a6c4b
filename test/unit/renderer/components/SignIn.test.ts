import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../../../preload/contract.ts';
import SignIn from '../../../../renderer/src/components/SignIn.svelte';
import { I18n, i18nContext } from '../../../../renderer/src/lib/i18n/i18n.svelte.ts';
import type { Locale } from '../../../../renderer/src/lib/i18n/messages.ts';
import { AuthStore } from '../../../../renderer/src/lib/state/auth.svelte.ts';
import { WorkspaceStore } from '../../../../renderer/src/lib/state/workspace.svelte.ts';
import {
  createFakeBridge,
  DEVICE_CODE_FIXTURE,
  fail,
  type FakeBridgeOptions,
} from '../../../fakes/bridge.ts';

async function renderSignIn(options: FakeBridgeOptions = {}, locale: Locale = 'en') {
  const fake = createFakeBridge(options);
  const auth = new AuthStore(fake.bridge);
  const workspace = new WorkspaceStore(fake.bridge);
  auth.start();
  workspace.start();
  render(SignIn, { props: { auth, workspace }, context: i18nContext(new I18n(locale)) });
  await Promise.all([auth.load(), workspace.load()]);
  flushSync();
  return { fake, auth, workspace };
}

const byId = <T extends HTMLElement = HTMLElement>(testId: string) =>
  screen.getByTestId(testId) as T;

async function typeOrg(value: string): Promise<void> {
  await fireEvent.input(byId('signin-org'), { target: { value } });
}

async function chooseKind(name: string): Promise<void> {
  await fireEvent.click(within(byId('signin-kind')).getByRole('radio', { name }));
}

/** Resolves once pending bridge calls and the renders they cause have run. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SignIn: the form', () => {
  it('labels every control and explains where to find the organization id', async () => {
    await renderSignIn();
    const root = byId('signin');
    expect(screen.getByRole('region', { name: 'Sign in to Yandex Tracker' })).toBe(root);
    const org = screen.getByLabelText('Organization ID');
    expect(org).toBe(byId('signin-org'));
    expect(org.getAttribute('aria-describedby')).toBeTruthy();
    const help = document.getElementById(org.getAttribute('aria-describedby') ?? '');
    expect(help?.textContent).toContain('Tracker → Administration → Organizations');

    const kinds = byId('signin-kind');
    expect(kinds.tagName).toBe('FIELDSET');
    expect(kinds.querySelector('legend')?.textContent).toBe('Organization type');
    const radios = within(kinds).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.labels?.[0]?.textContent?.trim())).toEqual([
      'Detect automatically',
      'Yandex 360',
      'Yandex Cloud',
    ]);
    expect(radios.map((r) => r.checked)).toEqual([true, false, false]);

    expect(screen.getByRole('button', { name: 'Sign in with Yandex' })).toBe(
      byId('signin-browser'),
    );
    expect(screen.getByRole('button', { name: 'Use a code on another device' })).toBe(
      byId('signin-device'),
    );
    expect(screen.getByLabelText('Token')).toBe(byId('signin-token'));
    expect(byId('signin-token-submit').textContent?.trim()).toBe('Sign in with the token');
    expect(screen.queryByTestId('signin-error')).toBeNull();
    expect(screen.queryByTestId('storage-banner')).toBeNull();
  });

  it('requires an organization id before any sign-in and focuses the field', async () => {
    const { fake } = await renderSignIn();
    byId('signin-browser').click();
    byId('signin-device').click();
    flushSync();
    expect(fake.calls('auth.signIn')).toHaveLength(0);
    expect(fake.calls('auth.startDevice')).toHaveLength(0);
    const org = byId('signin-org');
    expect(org.getAttribute('aria-invalid')).toBe('true');
    expect(byId('signin-org-error').textContent).toBe('Enter the organization ID.');
    expect(org.getAttribute('aria-describedby')).toContain(byId('signin-org-error').id);
    expect(document.activeElement).toBe(org);
  });

  it.each(['acme org', 'орг', 'a/b', 'x'.repeat(65)])(
    'rejects the organization id %j',
    async (id) => {
      const { fake } = await renderSignIn();
      await typeOrg(id);
      byId('signin-browser').click();
      flushSync();
      expect(fake.calls('auth.signIn')).toHaveLength(0);
      expect(byId('signin-org').getAttribute('aria-invalid')).toBe('true');
      expect(byId('signin-org-error').textContent).toMatch(/Latin letters|at most 64/);
    },
  );

  it('accepts letters, digits, dots, underscores and hyphens, and clears the message as you fix it', async () => {
    const { fake } = await renderSignIn();
    await typeOrg('acme org');
    byId('signin-browser').click();
    flushSync();
    expect(screen.getByTestId('signin-org-error')).toBeTruthy();
    await typeOrg('  Acme_org-1.2 ');
    expect(screen.queryByTestId('signin-org-error')).toBeNull();
    expect(byId('signin-org').getAttribute('aria-invalid')).toBe('false');
    byId('signin-browser').click();
    await settle();
    expect(fake.calls('auth.signIn')).toEqual([{ org: { id: 'Acme_org-1.2', kind: 'auto' } }]);
  });

  it.each([
    ['Detect automatically', 'auto'],
    ['Yandex 360', '360'],
    ['Yandex Cloud', 'cloud'],
  ] as const)('sends the kind chosen as %s', async (label, kind) => {
    const { fake } = await renderSignIn();
    await typeOrg('acme');
    await chooseKind(label);
    byId('signin-browser').click();
    await settle();
    expect(fake.calls('auth.signIn')).toEqual([{ org: { id: 'acme', kind } }]);
  });
});

describe('SignIn: Sign in with Yandex (browser)', () => {
  it('shows the progress with Cancel while the browser is open, then reports cancelled', async () => {
    const { fake } = await renderSignIn({ loopback: 'manual' });
    await typeOrg('acme');
    byId('signin-browser').focus();
    byId('signin-browser').click();
    await settle();

    const root = byId('signin');
    expect(root.getAttribute('aria-busy')).toBe('true');
    const progress = byId('signin-progress');
    const status = within(progress).getByRole('status');
    expect(status.textContent).toContain('Finish signing in in your browser…');
    expect(progress.textContent).toContain('Sign in there and allow access');
    expect(screen.queryByTestId('signin-browser')).toBeNull();
    expect((byId('signin-org') as HTMLInputElement).disabled).toBe(true);
    expect((byId('signin-token') as HTMLInputElement).disabled).toBe(true);
    const cancel = byId('signin-cancel');
    expect(cancel.textContent?.trim()).toBe('Cancel');
    await expect.poll(() => document.activeElement).toBe(cancel);

    cancel.click();
    await settle();
    expect(fake.calls('auth.cancel')).toEqual([undefined]);
    expect(fake.authState().status).toBe('signedOut');
    expect(screen.queryByTestId('signin-progress')).toBeNull();
    expect(byId('signin-cancelled').textContent?.trim()).toBe('Sign-in cancelled.');
    expect(byId('signin-cancelled').getAttribute('aria-live')).toBe('polite');
    expect(screen.queryByTestId('signin-error')).toBeNull();
    // The org is still there for another try, and the focus is back on the button.
    expect((byId('signin-org') as HTMLInputElement).value).toBe('acme');
    await expect.poll(() => document.activeElement).toBe(byId('signin-browser'));
  });

  it('shows the signed-in user once the browser comes back', async () => {
    const { fake } = await renderSignIn({ loopback: 'manual' });
    await typeOrg('acme');
    byId('signin-browser').click();
    await settle();
    fake.finishSignIn();
    await settle();
    expect(byId('signin').getAttribute('data-status')).toBe('signedIn');
    expect(byId('signin').textContent).toContain('Signed in as Alexey Smirnov (alex.smirnov).');
  });

  it('says "Вход отменён." in Russian', async () => {
    await renderSignIn({ loopback: 'manual' }, 'ru');
    await typeOrg('acme');
    byId('signin-browser').click();
    await settle();
    expect(within(byId('signin-progress')).getByRole('status').textContent).toContain(
      'Завершите вход в браузере…',
    );
    expect(byId('signin-cancel').textContent?.trim()).toBe('Отмена');
    byId('signin-cancel').click();
    await settle();
    expect(byId('signin-cancelled').textContent?.trim()).toBe('Вход отменён.');
  });
});

describe('SignIn: a code on another device', () => {
  it('shows the code big and selectable, the address as text, a countdown and Cancel', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    const { fake } = await renderSignIn();
    await typeOrg('bpf3crc');
    await chooseKind('Yandex Cloud');
    byId('signin-device').click();
    await settle();
    expect(fake.calls('auth.startDevice')).toEqual([{ org: { id: 'bpf3crc', kind: 'cloud' } }]);

    const code = byId('device-code');
    expect(code.tagName).toBe('OUTPUT');
    expect(code.textContent?.trim()).toBe(DEVICE_CODE_FIXTURE.userCode);
    expect(code.getAttribute('aria-labelledby')).toBeTruthy();
    const url = byId('device-url');
    expect(url.textContent?.trim()).toBe(DEVICE_CODE_FIXTURE.verificationUrl);
    // Shown, never a link the app could navigate to.
    expect(byId('signin').querySelector('a')).toBeNull();
    expect(byId('device-countdown').textContent?.trim()).toBe('The code expires in 5:00.');
    expect(byId('signin-progress').textContent).toContain(
      'Waiting for you to confirm on the other device…',
    );

    vi.advanceTimersByTime(1000);
    flushSync();
    expect(byId('device-countdown').textContent?.trim()).toBe('The code expires in 4:59.');
    vi.advanceTimersByTime(4 * 60_000 + 49_000);
    flushSync();
    expect(byId('device-countdown').textContent?.trim()).toBe('The code expires in 0:10.');
    vi.advanceTimersByTime(10_000);
    flushSync();
    expect(screen.queryByTestId('device-countdown')).toBeNull();
    const expired = byId('device-expired');
    expect(expired.getAttribute('role')).toBe('alert');
    expect(expired.textContent).toContain('The code has expired. Cancel and request a new one.');
    expect((byId('device-copy') as HTMLButtonElement).disabled).toBe(true);

    byId('signin-cancel').click();
    await settle();
    expect(fake.calls('auth.cancel')).toHaveLength(1);
    expect(screen.queryByTestId('device-code')).toBeNull();
    expect(byId('signin-cancelled').textContent?.trim()).toBe('Sign-in cancelled.');
  });

  it('shows "requesting a code" until main answers with one', async () => {
    const { fake } = await renderSignIn();
    await typeOrg('acme');
    const release = fake.hold('auth.startDevice');
    byId('signin-device').click();
    flushSync();
    expect(within(byId('signin-progress')).getByRole('status').textContent).toContain(
      'Requesting a code…',
    );
    release();
    await settle();
    expect(byId('device-code').textContent?.trim()).toBe(DEVICE_CODE_FIXTURE.userCode);
  });

  it('copies the code with the clipboard API when allowed', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    try {
      await renderSignIn();
      await typeOrg('acme');
      byId('signin-device').click();
      await settle();
      byId('device-copy').click();
      await settle();
      expect(writeText).toHaveBeenCalledWith(DEVICE_CODE_FIXTURE.userCode);
      expect(byId('device').textContent).toContain('The code is copied.');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('selects the code for Ctrl+C when the clipboard is refused', async () => {
    const writeText = vi.fn(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    try {
      await renderSignIn({}, 'ru');
      await typeOrg('acme');
      byId('signin-device').click();
      await settle();
      byId('device-copy').click();
      await settle();
      expect(window.getSelection()?.toString().trim()).toBe(DEVICE_CODE_FIXTURE.userCode);
      expect(byId('device').textContent).toContain('Код выделен: нажмите Ctrl+C');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('goes to the signed-in state when the other device confirms', async () => {
    const { fake } = await renderSignIn();
    await typeOrg('acme');
    byId('signin-device').click();
    await settle();
    fake.finishSignIn();
    flushSync();
    expect(byId('signin').getAttribute('data-status')).toBe('signedIn');
  });
});

describe('SignIn: paste a token', () => {
  it('uses a password field without autocomplete or spell check', async () => {
    await renderSignIn();
    const token = byId<HTMLInputElement>('signin-token');
    expect(token.type).toBe('password');
    expect(token.getAttribute('autocomplete')).toBe('off');
    expect(token.getAttribute('spellcheck')).toBe('false');
    expect(byId('signin-token-section').tagName).toBe('DETAILS');
    const kinds = screen.getByRole('group', { name: 'Token type' });
    expect(within(kinds).getByRole('radio', { name: 'OAuth token' })).toBeTruthy();
    expect(within(kinds).getByRole('radio', { name: 'Yandex Cloud IAM token' })).toBeTruthy();
  });

  it('sends token, kind and org, and clears the field on success', async () => {
    const { fake } = await renderSignIn();
    await typeOrg('acme');
    const token = byId<HTMLInputElement>('signin-token');
    await fireEvent.input(token, { target: { value: ' y0_AgAAAAexampleToken123 ' } });
    byId('signin-token-submit').click();
    flushSync();
    expect(token.value).toBe('');
    await settle();
    expect(fake.calls('auth.pasteToken')).toEqual([
      { token: 'y0_AgAAAAexampleToken123', tokenKind: 'oauth', org: { id: 'acme', kind: 'auto' } },
    ]);
    expect(fake.authState().status).toBe('signedIn');
  });

  it('clears the field when main refuses the token too, and explains why', async () => {
    const { fake } = await renderSignIn({
      pasteTokenError: { code: 'E_UNAUTHORIZED', message: '401 from Tracker' },
    });
    await typeOrg('acme');
    const token = byId<HTMLInputElement>('signin-token');
    await fireEvent.input(token, { target: { value: 'y0_AgAAAAexampleToken123' } });
    byId('signin-token-submit').click();
    await settle();
    expect(fake.calls('auth.pasteToken')).toHaveLength(1);
    expect(byId<HTMLInputElement>('signin-token').value).toBe('');
    const error = byId('signin-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('The token is invalid or has expired. Sign in again.');
    expect(byId('signin').textContent).not.toContain('y0_AgAAAAexampleToken123');
  });

  it('clears the field even when the token fails the local check', async () => {
    const { fake } = await renderSignIn();
    await typeOrg('acme');
    const token = byId<HTMLInputElement>('signin-token');
    await fireEvent.input(token, { target: { value: 'short' } });
    byId('signin-token-submit').click();
    flushSync();
    expect(token.value).toBe('');
    expect(byId('signin-token-error').textContent).toContain('This does not look like a token');
    expect(token.getAttribute('aria-invalid')).toBe('true');
    expect(fake.calls('auth.pasteToken')).toHaveLength(0);
  });

  it('sends an IAM token for an auto-detected org as a Cloud org', async () => {
    const { fake } = await renderSignIn();
    await typeOrg('bpf3crc');
    await fireEvent.click(screen.getByRole('radio', { name: 'Yandex Cloud IAM token' }));
    expect(byId('signin-token-section').textContent).toContain('at most 12 hours');
    await fireEvent.input(byId('signin-token'), { target: { value: 't1.9euelZqexample' } });
    byId('signin-token-submit').click();
    await settle();
    expect(fake.calls('auth.pasteToken')).toEqual([
      { token: 't1.9euelZqexample', tokenKind: 'iam', org: { id: 'bpf3crc', kind: 'cloud' } },
    ]);
  });

  it('refuses an IAM token for a Yandex 360 org without sending it', async () => {
    const { fake } = await renderSignIn();
    await typeOrg('acme');
    await chooseKind('Yandex 360');
    await fireEvent.click(screen.getByRole('radio', { name: 'Yandex Cloud IAM token' }));
    const token = byId<HTMLInputElement>('signin-token');
    await fireEvent.input(token, { target: { value: 't1.9euelZqexample' } });
    byId('signin-token-submit').click();
    flushSync();
    expect(fake.calls('auth.pasteToken')).toHaveLength(0);
    expect(token.value).toBe('');
    expect(byId('signin-token-error').textContent).toContain(
      'An IAM token works only with a Yandex Cloud organization',
    );
  });

  it('needs the organization id as well', async () => {
    const { fake } = await renderSignIn();
    await fireEvent.input(byId('signin-token'), { target: { value: 'y0_AgAAAAexampleToken123' } });
    byId('signin-token-submit').click();
    flushSync();
    expect(fake.calls('auth.pasteToken')).toHaveLength(0);
    expect(byId('signin-org-error').textContent).toBe('Enter the organization ID.');
    expect(document.activeElement).toBe(byId('signin-org'));
  });
});

const EXPLANATIONS: Record<ErrorCode, { en: string; ru: string }> = {
  E_FORBIDDEN: {
    en: 'This organization did not accept you: check the organization ID and whether it is a Yandex 360 or a Yandex Cloud organization.',
    ru: 'Организация вас не приняла: проверьте идентификатор организации и то, что это организация Яндекс 360 или Yandex Cloud.',
  },
  E_UNAUTHORIZED: {
    en: 'The token is invalid or has expired. Sign in again.',
    ru: 'Токен недействителен или истёк. Войдите заново.',
  },
  E_OFFLINE: {
    en: 'No connection to Yandex. Check your internet connection and proxy settings, then try again.',
    ru: 'Нет связи с Яндексом. Проверьте подключение к интернету и настройки прокси и попробуйте ещё раз.',
  },
  E_UNAVAILABLE: {
    en: 'Yandex did not answer. Try again in a few minutes.',
    ru: 'Яндекс не ответил. Попробуйте через несколько минут.',
  },
  E_BAD_REQUEST: {
    en: 'Something in what you entered was not accepted. Check the organization ID and the token, then try again.',
    ru: 'Часть введённых данных не принята. Проверьте идентификатор организации и токен и попробуйте ещё раз.',
  },
  E_NOT_FOUND: {
    en: 'No such organization was found.',
    ru: 'Такая организация не найдена.',
  },
  E_UNKNOWN_CHANNEL: {
    en: 'This version of the app core can’t sign in yet.',
    ru: 'Эта версия ядра приложения пока не умеет входить.',
  },
  E_INTERNAL: {
    en: 'Something went wrong inside the app.',
    ru: 'Внутренняя ошибка приложения.',
  },
};

describe('SignIn: errors', () => {
  it('has an explanation for every error code', () => {
    expect(Object.keys(EXPLANATIONS).sort()).toEqual([...ERROR_CODES].sort());
  });

  describe.each(['en', 'ru'] as const)('in %s', (locale) => {
    it.each(ERROR_CODES)('explains %s with a next step', async (code) => {
      await renderSignIn(
        {
          handlers: { 'auth.signIn': () => fail(code, `raw ${code} message`) },
        },
        locale,
      );
      await typeOrg('acme');
      byId('signin-browser').click();
      await settle();
      const error = byId('signin-error');
      expect(error.getAttribute('role')).toBe('alert');
      expect(error.getAttribute('data-code')).toBe(code);
      expect(error.textContent).toContain(
        locale === 'en' ? 'Couldn’t sign in' : 'Не удалось войти',
      );
      expect(error.textContent).toContain(EXPLANATIONS[code][locale]);
      expect(error.textContent).toContain(`raw ${code} message (${code})`);
      // The form is back for another try.
      expect(screen.getByTestId('signin-browser')).toBeTruthy();
    });
  });

  it('shows why main signed the user out', async () => {
    await renderSignIn({
      auth: {
        status: 'signedOut',
        storage: { kind: 'os', weakOptIn: false },
        reason: { code: 'E_FORBIDDEN', message: 'org 403' },
      },
    });
    const reason = byId('signin-reason');
    expect(reason.textContent).toContain(`You were signed out: ${EXPLANATIONS.E_FORBIDDEN.en}`);
    expect(reason.textContent).toContain('org 403 (E_FORBIDDEN)');
  });

  it('treats a state main never answered as an app-core error with a retry', async () => {
    const { fake, auth } = await renderSignIn({
      handlers: { 'auth.state': () => fail('E_UNKNOWN_CHANNEL', 'no handler for auth.state') },
    });
    const error = byId('signin-error');
    expect(error.textContent).toContain('Couldn’t reach the app core');
    expect(error.textContent).toContain('E_UNKNOWN_CHANNEL');
    fake.setHandler('auth.state', () => ({
      ok: true,
      data: { status: 'signedOut', storage: { kind: 'os', weakOptIn: false } },
    }));
    within(error).getByRole('button', { name: 'Try again' }).click();
    await settle();
    expect(auth.known).toBe(true);
    expect(screen.queryByTestId('signin-error')).toBeNull();
  });
});

describe('SignIn: storage', () => {
  it('explains weak storage and lets the user opt in to remembering anyway', async () => {
    const { fake } = await renderSignIn({
      auth: { status: 'signedOut', storage: { kind: 'weak', weakOptIn: false } },
    });
    const banner = byId('storage-banner');
    expect(banner.textContent).toContain('Your sign-in is kept only until you quit the app');
    expect(banner.textContent).toContain('GNOME Keyring or KWallet');
    const box = within(banner).getByRole('checkbox', {
      name: 'Remember me anyway (stored with weak protection)',
    }) as HTMLInputElement;
    expect(box.checked).toBe(false);

    await fireEvent.click(box);
    await settle();
    expect(fake.calls('auth.allowWeakStorage')).toEqual([{ allow: true }]);
    expect(box.checked).toBe(true);
    expect(banner.textContent).toContain('Your sign-in is stored with weak protection');

    await fireEvent.click(box);
    await settle();
    expect(fake.calls('auth.allowWeakStorage')).toEqual([{ allow: true }, { allow: false }]);
    expect(box.checked).toBe(false);
  });

  it('puts the checkbox back when main refuses the opt-in', async () => {
    await renderSignIn({
      auth: { status: 'signedOut', storage: { kind: 'weak', weakOptIn: false } },
      handlers: { 'auth.allowWeakStorage': () => fail('E_INTERNAL', 'cannot write') },
    });
    const box = within(byId('storage-banner')).getByRole('checkbox') as HTMLInputElement;
    await fireEvent.click(box);
    await settle();
    expect(box.checked).toBe(false);
    expect(byId('signin-error').textContent).toContain('Something went wrong inside the app');
  });

  it('says in Russian that an in-memory sign-in will not be remembered', async () => {
    await renderSignIn(
      { auth: { status: 'signedOut', storage: { kind: 'memory', weakOptIn: false } } },
      'ru',
    );
    expect(byId('storage-banner').textContent).toContain('Этот вход не будет запомнен');
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});

describe('SignIn: the demo workspace', () => {
  it('opens the demo without an organization id', async () => {
    const { fake, workspace } = await renderSignIn();
    const demo = byId('signin-demo');
    const open = within(demo).getByRole('button', { name: 'Open the demo workspace' });
    expect(open.getAttribute('data-testid')).toBe('workspace-open-demo');
    const release = fake.hold('workspace.openDemo');
    open.click();
    flushSync();
    expect(demo.getAttribute('aria-busy')).toBe('true');
    expect(within(demo).getByRole('status').textContent).toContain('Starting the demo workspace…');
    expect((open as HTMLButtonElement).disabled).toBe(true);
    release();
    await settle();
    expect(fake.calls('workspace.openDemo')).toHaveLength(1);
    expect(fake.calls('auth.signIn')).toHaveLength(0);
    expect(workspace.state.status).toBe('ready');
  });

  it('shows why the demo did not open', async () => {
    await renderSignIn({
      handlers: { 'workspace.openDemo': () => fail('E_INTERNAL', 'emulator crashed') },
    });
    byId('workspace-open-demo').click();
    await settle();
    const error = byId('signin-demo-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('emulator crashed');
    expect((byId('workspace-open-demo') as HTMLButtonElement).disabled).toBe(false);
  });
});
