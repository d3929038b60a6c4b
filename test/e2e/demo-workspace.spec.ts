import { expect, test } from './fixtures.ts';

/** The number at the start of a count line, e.g. `2,000 issues in the workspace` → 2000. */
function leadingNumber(text: string | null): number {
  const match = /^[\d\s,.\u00a0\u202f]+/.exec(text?.trim() ?? '');
  return match ? Number(match[0].replace(/[^\d]/g, '')) : Number.NaN;
}

test('the demo workspace opens from the sign-in screen, shows the demo user and counts in the settings, and closes', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  const panel = page.getByTestId('workspace');
  const open = page.getByRole('button', { name: 'Open the demo workspace' });
  await expect(open).toBeVisible();
  await expect(open).toHaveAttribute('data-testid', 'workspace-open-demo');

  await open.click();
  // The emulator seeds its issues in well under a second; leave room for a slow machine. The
  // browser opens on the issues assigned to the user; the workspace panel lives in the settings.
  await expect(page.getByRole('heading', { level: 2, name: 'Assigned to me' })).toBeVisible({
    timeout: 15_000,
  });
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const user = page.getByTestId('workspace-user');
  await expect(user).toBeVisible();

  const state = harness.app.workspace.state();
  expect(state.status).toBe('ready');
  if (state.status !== 'ready') return;
  expect(state.user.login).toBe('alex.smirnov');
  await expect(user).toHaveText(`Signed in as ${state.user.display} (${state.user.login})`);
  await expect(page.getByRole('heading', { name: 'Demo workspace' })).toBeVisible();
  await expect(panel).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('workspace-org')).toContainText(state.org.id);

  const assigned = await page.getByTestId('workspace-assigned').textContent();
  const total = await page.getByTestId('workspace-total').textContent();
  expect(assigned).toMatch(/open issues? assigned to you$/);
  expect(total).toMatch(/issues? in the workspace$/);
  expect(leadingNumber(assigned)).toBe(state.counts.assignedOpen);
  expect(leadingNumber(total)).toBe(state.counts.total);
  expect(state.counts.assignedOpen).toBeGreaterThan(0);
  expect(state.counts.total).toBeGreaterThan(0);

  await page.screenshot({ path: 'test-results/screenshots/demo-workspace.png', fullPage: true });

  await page.getByTestId('workspace-close').click();
  await expect(page.getByTestId('workspace-open-demo')).toBeVisible();
  await expect(page.getByTestId('workspace-open-demo')).toBeEnabled();
  await expect(user).toHaveCount(0);
  expect(harness.app.workspace.state()).toEqual({ status: 'none' });
});
