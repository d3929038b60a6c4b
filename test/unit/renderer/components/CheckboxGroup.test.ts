import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import CheckboxGroup from '../../../../renderer/src/components/CheckboxGroup.svelte';
import { I18n, i18nContext } from '../../../../renderer/src/lib/i18n/i18n.svelte.ts';

type Scope = 'assigned' | 'followed' | 'summoned';

const OPTIONS = [
  { value: 'assigned', label: 'settings.sync.scope.assigned' },
  { value: 'followed', label: 'settings.sync.scope.followed' },
  {
    value: 'summoned',
    label: 'settings.sync.scope.summoned',
    badge: 'settings.notifications.offByDefault',
  },
] as const;

function renderGroup(
  props: Partial<{ checked: Scope[]; disabled: boolean; hint: 'settings.sync.intro' }> = {},
) {
  const i18n = new I18n('en');
  const onchange = vi.fn<(value: Scope, on: boolean) => void>();
  render(CheckboxGroup<Scope>, {
    props: {
      checked: ['followed'],
      options: OPTIONS,
      legend: 'settings.sync.scopes',
      testid: 'group',
      optionTestid: 'box',
      onchange,
      ...props,
    },
    context: i18nContext(i18n),
  });
  return { i18n, onchange };
}

const box = (value: Scope) => screen.getByTestId(`box-${value}`) as HTMLInputElement;

describe('CheckboxGroup', () => {
  it('names the group with its legend and labels every checkbox, ticked as given', () => {
    const { i18n } = renderGroup();
    const group = screen.getByRole('group', { name: i18n.t('settings.sync.scopes') });
    expect(group.dataset.testid).toBe('group');
    expect(screen.getAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByRole('checkbox', { name: i18n.t('settings.sync.scope.assigned') })).toBe(
      box('assigned'),
    );
    expect([box('assigned'), box('followed'), box('summoned')].map((b) => b.checked)).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('shows a badge only where the option has one, inside its label', () => {
    const { i18n } = renderGroup();
    const badge = i18n.t('settings.notifications.offByDefault');
    expect(box('summoned').closest('label')?.textContent).toContain(badge);
    expect(box('assigned').closest('label')?.textContent).not.toContain(badge);
  });

  it('reports a tick and a clear with the value, leaving the state to the caller', async () => {
    const { onchange } = renderGroup();
    await fireEvent.click(box('assigned'));
    expect(onchange).toHaveBeenLastCalledWith('assigned', true);
    await fireEvent.click(box('followed'));
    expect(onchange).toHaveBeenLastCalledWith('followed', false);
    expect(onchange).toHaveBeenCalledTimes(2);
  });

  it('disables every checkbox with the group', () => {
    renderGroup({ disabled: true });
    expect(screen.getByTestId('group').matches(':disabled')).toBe(true);
    for (const value of ['assigned', 'followed', 'summoned'] as const) {
      expect(box(value).matches(':disabled')).toBe(true);
    }
  });

  it('shows the hint under the choices only when given', () => {
    const { i18n } = renderGroup({ hint: 'settings.sync.intro' });
    expect(screen.getByTestId('group').textContent).toContain(i18n.t('settings.sync.intro'));
  });

  it('has no hint by default', () => {
    renderGroup();
    expect(screen.getByTestId('group').querySelector('.hint')).toBeNull();
  });
});
