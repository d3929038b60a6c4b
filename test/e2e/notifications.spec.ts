/**
 * Notifications end to end: the real renderer, router, session, cache, sync and notifier in the
 * Node host, the emulator as Tracker and the host's desktop recorder as the OS. The first sync is
 * silent; then another user assigns an issue to the signed-in user, a sync brings it, and exactly
 * one notification names it; the inbox shows it unread, and clicking the notification opens it.
 */
import { expect, test } from '@playwright/test';
import { signInWithToken, useEmulatorSession } from './emulator-session.ts';

const session = useEmulatorSession({ issues: 120, seed: 7 });

test('an issue assigned by someone else notifies once, lands unread in the inbox, and opens on click', async ({
  page,
}) => {
  const { emulator, harness } = session();
  const desktop = harness.platform.desktop;
  const store = emulator.store;
  const me = store.user(emulator.login);
  if (!me) throw new Error('the emulator has no demo user');

  await signInWithToken(page, session());
  await expect
    .poll(() => harness.app.data.status().lastSuccessAt, { timeout: 30_000 })
    .not.toBeNull();
  // The first sync is silent, however many issues are assigned to me.
  expect(desktop.notices).toHaveLength(0);
  await expect.poll(() => desktop.tray?.model.recent.length ?? 0).toBeGreaterThan(0);

  // Another user assigns one of their issues to me, a moment after everything seeded.
  const target = store
    .allIssues()
    .find((issue) => issue.assigneeUid !== null && issue.assigneeUid !== me.uid);
  if (!target) throw new Error('the seeded world has no issue assigned to someone else');
  const actor = target.assigneeUid as number;
  const latest = Math.max(...store.allIssues().map((issue) => issue.updatedAt));
  store.patchIssue(
    target.key,
    { assignee: me.login },
    {},
    actor,
    Math.max(Date.now(), latest + 1000),
  );

  await page.getByTestId('sync-now').click();
  await expect.poll(() => desktop.notices.length, { timeout: 30_000 }).toBe(1);
  const [shown] = desktop.notices;
  if (!shown) throw new Error('no notification');
  expect(shown.notice.title).toContain(target.key);
  expect(shown.notice.body).toBe(target.summary);
  expect(desktop.badge).toBe(1);
  expect(desktop.tray?.model.state).toBe('unread');

  // The sidebar counts it, and the inbox lists it unread.
  const inboxNav = page.getByTestId('nav-inbox');
  await expect(inboxNav.locator('.count')).toHaveText('1');
  await inboxNav.click();
  const entry = page.getByTestId('inbox-entry').filter({ hasText: target.key });
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveClass(/unread/);

  // A click on the notification opens the issue and reads the entry.
  shown.click();
  await expect(
    page.getByTestId('issue-view').getByRole('heading', { level: 2, name: target.summary }),
  ).toBeVisible();
  expect(desktop.focusCount).toBeGreaterThan(0);
  await expect(inboxNav.locator('.count')).toHaveCount(0);
  await expect.poll(() => desktop.badge).toBe(0);
  // Another sync brings nothing new: never twice for the same change.
  await page.getByTestId('sync-now').click();
  await expect.poll(() => harness.app.data.status().state, { timeout: 20_000 }).toBe('idle');
  expect(desktop.notices).toHaveLength(1);
});
