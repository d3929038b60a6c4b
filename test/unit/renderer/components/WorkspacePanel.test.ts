import { render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { WorkspaceState } from '../../../../preload/contract.ts';
import WorkspacePanel from '../../../../renderer/src/components/WorkspacePanel.svelte';
import { I18n, i18nContext } from '../../../../renderer/src/lib/i18n/i18n.svelte.ts';
import type { Locale } from '../../../../renderer/src/lib/i18n/messages.ts';
import { WorkspaceStore } from '../../../../renderer/src/lib/state/workspace.svelte.ts';
import {
  createFakeBridge,
  fail,
  ok,
  WORKSPACE_READY_FIXTURE,
  type FakeBridgeOptions,
} from '../../../fakes/bridge.ts';

async function renderPanel(options: FakeBridgeOptions = {}, locale: Locale = 'en') {
  const fake = createFakeBridge(options);
  const workspace = new WorkspaceStore(fake.bridge);
  workspace.start();
  render(WorkspacePanel, { props: { workspace }, context: i18nContext(new I18n(locale)) });
  await workspace.load();
  flushSync();
  return { fake, workspace };
}

function withCounts(assignedOpen: number, total = 2000): WorkspaceState {
  return { ...WORKSPACE_READY_FIXTURE, counts: { assignedOpen, total } };
}

const text = (testId: string) => screen.getByTestId(testId).textContent?.trim();

describe('WorkspacePanel', () => {
  it('offers the demo workspace when there is none', async () => {
    await renderPanel();
    const region = screen.getByRole('region', { name: 'Workspace' });
    expect(region).toBe(screen.getByTestId('workspace'));
    expect(region.textContent).toContain('local Tracker with sample issues in Russian and English');
    expect(region.textContent).toContain('Nothing leaves this computer');
    const open = screen.getByRole('button', { name: 'Open the demo workspace' });
    expect(open).toBe(screen.getByTestId('workspace-open-demo'));
    expect(open.hasAttribute('disabled')).toBe(false);
    expect(region.getAttribute('aria-busy')).toBe('false');
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByTestId('workspace-user')).toBeNull();
  });

  it('clicking open calls workspace.openDemo and shows progress until it is ready', async () => {
    const { fake } = await renderPanel();
    const release = fake.hold('workspace.openDemo');
    screen.getByTestId('workspace-open-demo').click();
    flushSync();

    expect(fake.calls('workspace.openDemo')).toHaveLength(1);
    const region = screen.getByTestId('workspace');
    expect(region.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('status').textContent).toContain('Starting the demo workspace…');
    expect(screen.getByTestId('workspace-open-demo').hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('heading', { name: 'Demo workspace' })).toBeTruthy();

    // A second click while opening does nothing: the button is disabled.
    screen.getByTestId('workspace-open-demo').click();
    expect(fake.calls('workspace.openDemo')).toHaveLength(1);

    release();
    expect(await screen.findByTestId('workspace-user')).toBeTruthy();
    expect(region.getAttribute('aria-busy')).toBe('false');
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByTestId('workspace-open-demo')).toBeNull();
  });

  it('shows who is signed in to which organization and the issue counts when ready', async () => {
    await renderPanel({ workspace: WORKSPACE_READY_FIXTURE });
    expect(screen.getByRole('region', { name: 'Demo workspace' })).toBeTruthy();
    expect(text('workspace-user')).toBe('Signed in as Alexey Smirnov (alex.smirnov)');
    const org = text('workspace-org');
    expect(org).toContain(WORKSPACE_READY_FIXTURE.org.id);
    expect(org).toContain('Yandex 360');
    expect(text('workspace-assigned')).toBe('17 open issues assigned to you');
    expect(text('workspace-total')).toBe('2,000 issues in the workspace');
    expect(screen.getByText('Local')).toBeTruthy();
    const close = screen.getByRole('button', { name: 'Close the demo workspace' });
    expect(close).toBe(screen.getByTestId('workspace-close'));
    expect(screen.queryByTestId('workspace-open-demo')).toBeNull();
  });

  it('uses the singular and a no-issues sentence in English', async () => {
    const { fake } = await renderPanel({ workspace: withCounts(1, 1) });
    expect(text('workspace-assigned')).toBe('1 open issue assigned to you');
    expect(text('workspace-total')).toBe('1 issue in the workspace');
    fake.emit('workspace.changed', withCounts(0, 3));
    flushSync();
    expect(text('workspace-assigned')).toBe('No open issues assigned to you');
    expect(text('workspace-total')).toBe('3 issues in the workspace');
  });

  it('names a real Tracker and a Yandex Cloud organization', async () => {
    await renderPanel({
      workspace: {
        status: 'ready',
        kind: 'tracker',
        user: { login: 'maria', display: 'Maria' },
        org: { id: 'bpf3crc', kind: 'cloud' },
        counts: { assignedOpen: 2, total: 5 },
      },
    });
    expect(screen.getByRole('heading', { name: 'Tracker' })).toBeTruthy();
    expect(text('workspace-org')).toContain('Yandex Cloud');
    expect(screen.queryByText('Local')).toBeNull();
    // Signing out of an organization lives in the header's account menu.
    expect(screen.queryByTestId('workspace-close')).toBeNull();
  });

  it('closing goes back to the open button and moves the focus to it', async () => {
    const { fake } = await renderPanel({ workspace: WORKSPACE_READY_FIXTURE });
    screen.getByTestId('workspace-close').click();
    const open = await screen.findByTestId('workspace-open-demo');
    expect(fake.calls('workspace.close')).toHaveLength(1);
    expect(screen.queryByTestId('workspace-user')).toBeNull();
    await expect.poll(() => document.activeElement).toBe(open);
  });

  it('moves the focus to the heading once the workspace the user asked for is ready', async () => {
    await renderPanel();
    screen.getByTestId('workspace-open-demo').click();
    await screen.findByTestId('workspace-user');
    const heading = screen.getByRole('heading', { name: 'Demo workspace' });
    await expect.poll(() => document.activeElement).toBe(heading);
  });

  it('does not move the focus for changes the user did not ask for', async () => {
    const { fake } = await renderPanel();
    fake.emit('workspace.changed', WORKSPACE_READY_FIXTURE);
    flushSync();
    await Promise.resolve();
    expect(text('workspace-user')).toContain('Alexey Smirnov');
    expect(document.activeElement).toBe(document.body);
  });

  it('renders in Russian', async () => {
    const { fake } = await renderPanel({}, 'ru');
    expect(screen.getByRole('region', { name: 'Рабочее пространство' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Открыть демо-пространство' })).toBeTruthy();
    fake.emit('workspace.changed', { status: 'opening', kind: 'demo' });
    flushSync();
    expect(screen.getByRole('status').textContent).toContain('Запускаем демо-пространство…');
    fake.emit('workspace.changed', WORKSPACE_READY_FIXTURE);
    flushSync();
    expect(screen.getByRole('heading', { name: 'Демо-пространство' })).toBeTruthy();
    expect(text('workspace-user')).toBe('Вы вошли как Alexey Smirnov (alex.smirnov)');
    expect(text('workspace-org')).toContain('Яндекс 360');
    expect(text('workspace-total')).toBe(
      `${new Intl.NumberFormat('ru').format(2000)} задач в пространстве`,
    );
    expect(text('workspace-close')).toBe('Закрыть демо-пространство');
  });

  it.each([
    [1, '1 открытая задача назначена на вас', '1 задача в пространстве'],
    [2, '2 открытые задачи назначены на вас', '2 задачи в пространстве'],
    [3, '3 открытые задачи назначены на вас', '3 задачи в пространстве'],
    [5, '5 открытых задач назначено на вас', '5 задач в пространстве'],
    [11, '11 открытых задач назначено на вас', '11 задач в пространстве'],
    [21, '21 открытая задача назначена на вас', '21 задача в пространстве'],
    [22, '22 открытые задачи назначены на вас', '22 задачи в пространстве'],
  ])('uses the Russian plural form for %i issues', async (n, assigned, total) => {
    await renderPanel({ workspace: withCounts(n, n) }, 'ru');
    expect(text('workspace-assigned')).toBe(assigned);
    expect(text('workspace-total')).toBe(total);
  });

  it('shows the error with its code and a retry button that opens the demo again', async () => {
    const { fake } = await renderPanel({
      handlers: { 'workspace.openDemo': () => fail('E_INTERNAL', 'The emulator did not start') },
    });
    screen.getByTestId('workspace-open-demo').click();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Couldn’t open the workspace');
    expect(within(alert).getByText('The emulator did not start')).toBeTruthy();
    expect(within(alert).getByText('Error code: E_INTERNAL')).toBeTruthy();
    expect(screen.queryByTestId('workspace-open-demo')).toBeNull();
    const retry = within(alert).getByRole('button', { name: 'Try again' });
    await expect.poll(() => document.activeElement).toBe(retry);

    fake.setHandler('workspace.openDemo', () => ok(WORKSPACE_READY_FIXTURE));
    retry.click();
    expect(fake.calls('workspace.openDemo')).toHaveLength(2);
    expect((await screen.findByTestId('workspace-user')).textContent).toContain('Alexey Smirnov');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an error main reports by event', async () => {
    const { fake } = await renderPanel({}, 'ru');
    fake.emit('workspace.changed', {
      status: 'error',
      error: { code: 'E_OFFLINE', message: 'нет сети' },
    });
    flushSync();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Не удалось открыть рабочее пространство');
    expect(alert.textContent).toContain('Код ошибки: E_OFFLINE');
    expect(within(alert).getByRole('button', { name: 'Повторить' })).toBeTruthy();
  });
});
