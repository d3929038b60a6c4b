import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import IssueView from '../../../../../renderer/src/components/detail/IssueView.svelte';
import { setBridge } from '../../../../../renderer/src/lib/bridge.ts';
import { createBrowserFixture, type BrowserFixture } from '../../../../fakes/browser.ts';
import type { BrowserFixtureOptions } from '../../../../fakes/browser.ts';
import { fail, ok } from '../../../../fakes/bridge.ts';
import {
  activityEntries,
  COMMENTS,
  CREATED_AT,
  EXTRAS,
  ISSUE_DETAIL,
  issueDetailHandlers,
  PNG_DATA_URL,
  type IssueDetailHandlerOptions,
} from '../../../../fakes/issue-detail.ts';

afterEach(() => setBridge(null));

type Options = BrowserFixtureOptions & { data?: IssueDetailHandlerOptions; key?: string };

async function renderIssue(options: Options = {}) {
  const fixture: BrowserFixture = await createBrowserFixture({
    ...options,
    handlers: { ...issueDetailHandlers(options.data), ...options.handlers },
  });
  setBridge(fixture.fake.bridge);
  const key = options.key ?? 'DEMO-1';
  fixture.navigation.openIssue(key);
  const result = render(IssueView, { props: { key }, context: fixture.context });
  return { ...fixture, ...result };
}

/** Waits until the issue (not the skeleton) is on screen. */
const loaded = () => screen.findByRole('heading', { level: 2, name: ISSUE_DETAIL.issue.summary });
/** Waits until the description's markup has been rendered by the lazily loaded renderer. */
const description = async () => {
  const section = await screen.findByTestId('description');
  return await within(section).findByTestId('markup');
};

describe('IssueView: header', () => {
  it('shows the summary as the screen title and every header field', async () => {
    const { i18n } = await renderIssue();
    const heading = await loaded();
    expect(heading.hasAttribute('data-screen-title')).toBe(true);
    expect(heading.getAttribute('tabindex')).toBe('-1');
    expect(screen.getByTestId('issue-key').textContent).toBe('DEMO-1');
    const facts = screen.getByTestId('issue-facts');
    const text = facts.textContent ?? '';
    for (const value of [
      'In progress',
      'Critical',
      'Bug',
      'Alexey Smirnov',
      'Maria Ivanova',
      'Ivan Petrov, Olga Kim',
      'DEMO',
      i18n.formatDateTime(CREATED_AT),
      i18n.formatDateTime(ISSUE_DETAIL.issue.updatedAt),
      'frontend',
      'regression',
      'LOGIN-FREEZE',
    ]) {
      expect(text).toContain(value);
    }
    expect(within(facts).getByRole('link', { name: 'DEMO-100' })).toBeTruthy();
  });

  it('opens the parent issue in the app', async () => {
    const { navigation } = await renderIssue();
    await loaded();
    await fireEvent.click(screen.getByRole('link', { name: 'DEMO-100' }));
    expect(navigation.route).toEqual({ screen: 'issue', key: 'DEMO-100' });
  });

  it('opens the issue in Tracker through app.openExternal', async () => {
    const { fake } = await renderIssue();
    await loaded();
    await fireEvent.click(screen.getByRole('button', { name: 'Open in Tracker' }));
    expect(fake.calls('app.openExternal')).toEqual([{ url: ISSUE_DETAIL.webUrl }]);
    expect(screen.queryByTestId('open-error')).toBeNull();
  });

  it('says so when main refuses to open the page', async () => {
    await renderIssue({
      handlers: { 'app.openExternal': () => fail('E_FORBIDDEN', 'not on the allowlist') },
    });
    await loaded();
    await fireEvent.click(screen.getByRole('button', { name: 'Open in Tracker' }));
    expect((await screen.findByTestId('open-error')).textContent).toContain(
      'This link can’t be opened from the app.',
    );
  });

  it('goes back with the Back button', async () => {
    const { navigation } = await renderIssue();
    await loaded();
    await fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(navigation.route.screen).toBe('view');
  });
});

describe('IssueView: markup', () => {
  it('shows the plain text first, then the lazily rendered markup', async () => {
    await renderIssue();
    await loaded();
    // The renderer arrives through a dynamic import, after the first render.
    const plain = within(screen.getByTestId('description')).queryByTestId('markup-plain');
    const markup = await description();
    expect(plain === null || plain.textContent?.includes('# Overview')).toBe(true);
    expect(markup.querySelector('table td')?.textContent).toBe('build');
    expect(markup.querySelector('pre code .hljs-keyword')?.textContent).toBe('const');
    expect(markup.querySelector('details.yfm-cut summary')?.textContent).toBe('More details');
    expect(markup.querySelector('.yfm-note-warning .yfm-note-title')?.textContent).toBe('Warning');
    expect(markup.querySelectorAll('input[type="checkbox"][disabled]')).toHaveLength(2);
    expect(markup.querySelector('.yfm-color-red')?.textContent).toBe('urgent');
    expect(markup.querySelector('.mention')?.textContent).toBe('@ivan.petrov');
    expect(markup.querySelector('a[data-issue-key="DEMO-2"]')).not.toBeNull();
    // Headings inside the issue sit below the section's h3.
    expect(markup.querySelector('h4.yfm-h1')?.textContent).toBe('Overview');
    expect(markup.querySelector('h1, h2, h3')).toBeNull();
    expect(markup.querySelector('[style]')).toBeNull();
  });

  it('opens issue keys in the app on click', async () => {
    const { navigation } = await renderIssue();
    const markup = await description();
    const link = markup.querySelector<HTMLAnchorElement>('a[data-issue-key="DEMO-2"]')!;
    const notPrevented = await fireEvent.click(link);
    expect(notPrevented).toBe(false);
    expect(navigation.route).toEqual({ screen: 'issue', key: 'DEMO-2' });
  });

  it('opens external links through app.openExternal without navigating', async () => {
    const { fake, navigation } = await renderIssue();
    const markup = await description();
    const before = window.location.href;
    const link = markup.querySelector<HTMLAnchorElement>('a[data-external]')!;
    expect(link.textContent).toBe('the docs');
    const notPrevented = await fireEvent.click(link);
    expect(notPrevented).toBe(false);
    await waitFor(() =>
      expect(fake.calls('app.openExternal')).toEqual([{ url: 'https://example.com/docs' }]),
    );
    expect(window.location.href).toBe(before);
    expect(navigation.route).toEqual({ screen: 'issue', key: 'DEMO-1' });
  });

  it('loads attachment images through attachments.image and never remote ones', async () => {
    const { fake } = await renderIssue();
    const markup = await description();
    const img = markup.querySelector<HTMLImageElement>('img[data-attachment-id="501"]')!;
    expect(img.getAttribute('alt')).toBe('screen.png');
    await waitFor(() => expect(img.getAttribute('src')).toBe(PNG_DATA_URL));
    expect(fake.calls('attachments.image')).toEqual([{ key: 'DEMO-1', id: '501' }]);
    const images = [...document.querySelectorAll('img')];
    expect(images.every((i) => !i.getAttribute('src')?.includes('evil.example'))).toBe(true);
    const remote = markup.querySelector('.image-remote')!;
    expect(remote.tagName).toBe('SPAN');
    expect(remote.getAttribute('title')).toContain('https://evil.example/pixel.png');
  });

  it('leaves an image placeholder when the attachment cannot be fetched', async () => {
    const { fake } = await renderIssue({
      handlers: { 'attachments.image': () => fail('E_OFFLINE', 'offline') },
    });
    const markup = await description();
    const img = markup.querySelector<HTMLImageElement>('img[data-attachment-id="501"]')!;
    await waitFor(() => expect(img.classList.contains('yfm-image-failed')).toBe(true));
    expect(img.hasAttribute('src')).toBe(false);
    expect(fake.calls('attachments.image')).toHaveLength(1);
  });

  it('renders comments with author, time and markup', async () => {
    const { i18n } = await renderIssue();
    await loaded();
    const comments = screen.getByRole('region', { name: 'Comments' });
    expect(within(comments).getByText('2 comments')).toBeTruthy();
    const items = within(comments).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('Ivan Petrov');
    expect(items[0]!.textContent).toContain(i18n.formatDateTime(COMMENTS[0]!.createdAt));
    expect(items[1]!.textContent).toContain('Someone');
    await waitFor(() =>
      expect(items[0]!.querySelector('strong a[data-issue-key="DEMO-3"]')).not.toBeNull(),
    );
  });
});

describe('IssueView: extras', () => {
  it('lists links with in-app keys and their status', async () => {
    const { navigation } = await renderIssue();
    await loaded();
    const links = screen.getByRole('region', { name: 'Links' });
    expect(links.textContent).toContain('blocks');
    expect(links.textContent).toContain('Release 2.0');
    expect(links.textContent).toContain('Open');
    await fireEvent.click(within(links).getByRole('link', { name: 'DEMO-7' }));
    expect(navigation.route).toEqual({ screen: 'issue', key: 'DEMO-7' });
  });

  it('lists attachments with sizes and an on-demand image preview', async () => {
    const { fake } = await renderIssue();
    await loaded();
    const section = screen.getByRole('region', { name: 'Attachments' });
    expect(section.textContent).toContain('2 KB');
    expect(section.textContent).toContain('1.5 MB');
    expect(within(section).queryByRole('button', { name: /log\.txt/ })).toBeNull();
    const callsBefore = fake.calls('attachments.image').length;
    const show = within(section).getByRole('button', { name: 'Show preview of screen.png' });
    expect(show.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(show);
    const thumb = await within(section).findByRole('img', { name: 'screen.png' });
    expect(thumb.getAttribute('src')).toBe(PNG_DATA_URL);
    // The image is fetched once per opened issue, however many places show it.
    expect(fake.calls('attachments.image').length).toBeLessThanOrEqual(Math.max(callsBefore, 1));
  });

  it('shows activity newest first and collapses beyond 20 entries', async () => {
    await renderIssue({ data: { extras: { ...EXTRAS, activity: activityEntries(25) } } });
    await loaded();
    const section = screen.getByRole('region', { name: 'Activity' });
    const entries = () => section.querySelectorAll('.entries > li');
    expect(entries()).toHaveLength(20);
    expect(entries()[0]!.textContent).toContain('Status: S24 → S25');
    expect(entries()[0]!.textContent).toContain('changed the status');
    const more = within(section).getByRole('button', { name: 'Show all 25 changes' });
    await fireEvent.click(more);
    expect(entries()).toHaveLength(25);
    expect(more.getAttribute('aria-expanded')).toBe('true');
  });

  it('shows empty states for an issue with nothing around it', async () => {
    await renderIssue({
      data: {
        detail: { ...ISSUE_DETAIL, description: '' },
        comments: [],
        extras: { links: [], attachments: [], activity: [] },
      },
    });
    await loaded();
    for (const text of [
      'No description.',
      'No comments yet.',
      'No linked issues.',
      'No attachments.',
      'No changes recorded yet.',
    ]) {
      expect(screen.getByText(text)).toBeTruthy();
    }
  });
});

describe('IssueView: states', () => {
  it('shows a skeleton while the issue loads', async () => {
    const fixture = await createBrowserFixture({ handlers: issueDetailHandlers() });
    const release = fixture.fake.hold('issues.get');
    setBridge(fixture.fake.bridge);
    render(IssueView, { props: { key: 'DEMO-1' }, context: fixture.context });
    expect(await screen.findByTestId('issue-skeleton')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Loading the issue…');
    // Browser focuses the loading title; the focus follows to the issue's title.
    document.querySelector<HTMLElement>('[data-screen-title]')!.focus();
    release();
    const title = await loaded();
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect(screen.queryByTestId('issue-skeleton')).toBeNull();
  });

  it('shows a not-found state with a way back to the list', async () => {
    const { navigation } = await renderIssue({ key: 'DEMO-404' });
    const heading = await screen.findByRole('heading', { name: 'Issue DEMO-404 not found' });
    expect(heading.hasAttribute('data-screen-title')).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));
    expect(navigation.route.screen).toBe('view');
  });

  it('shows an error with Retry, which loads again', async () => {
    const { fake } = await renderIssue({
      handlers: { 'issues.get': () => fail('E_UNAVAILABLE', 'cache closed') },
    });
    expect(await screen.findByText('Couldn’t load the issue')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('E_UNAVAILABLE');
    fake.setHandler('issues.get', () => ok(ISSUE_DETAIL));
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await loaded();
  });

  it('reloads when main reports this issue changed, and only this one', async () => {
    const { fake } = await renderIssue();
    await loaded();
    expect(fake.calls('issues.get')).toHaveLength(1);
    fake.setHandler('issues.get', () =>
      ok({ ...ISSUE_DETAIL, issue: { ...ISSUE_DETAIL.issue, summary: 'Renamed upstream' } }),
    );
    fake.emit('issue.changed', { key: 'DEMO-9' });
    expect(fake.calls('issues.get')).toHaveLength(1);
    fake.emit('issue.changed', { key: 'DEMO-1' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Renamed upstream' })).toBeTruthy();
    expect(fake.calls('comments.list')).toHaveLength(2);
    expect(fake.calls('issues.extras')).toHaveLength(2);
  });

  it('stops listening when the screen closes', async () => {
    const { fake, unmount } = await renderIssue();
    await loaded();
    expect(fake.listenerCount('issue.changed')).toBe(1);
    unmount();
    expect(fake.listenerCount('issue.changed')).toBe(0);
  });

  it('says calmly that the saved copy is shown when offline', async () => {
    await renderIssue({ appInfo: { online: false } });
    await loaded();
    expect(screen.getByTestId('issue-offline').textContent).toBe(
      'You’re offline. Showing the saved copy.',
    );
  });

  it('shows no offline note when online', async () => {
    await renderIssue();
    await loaded();
    expect(screen.queryByTestId('issue-offline')).toBeNull();
  });
});

describe('IssueView: Russian', () => {
  it('uses Russian plural forms and labels', async () => {
    const comments = Array.from({ length: 5 }, (_, i) => ({ ...COMMENTS[0]!, id: `c${i}` }));
    await renderIssue({ locale: 'ru', data: { comments } });
    await screen.findByRole('heading', { level: 2, name: ISSUE_DETAIL.issue.summary });
    expect(screen.getByRole('region', { name: 'Комментарии' }).textContent).toContain(
      '5 комментариев',
    );
    expect(screen.getByRole('region', { name: 'Вложения' }).textContent).toContain('2 вложения');
    expect(screen.getByRole('region', { name: 'Связи' }).textContent).toContain('1 связь');
    expect(screen.getByRole('region', { name: 'Вложения' }).textContent).toContain('1,5 МБ');
    expect(screen.getByRole('button', { name: 'Открыть в Трекере' })).toBeTruthy();
    const markup = await description();
    expect(markup.querySelector('.yfm-note-title')?.textContent).toBe('Внимание');
  });
});
