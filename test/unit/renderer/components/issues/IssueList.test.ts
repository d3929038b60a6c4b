import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { compile } from 'svelte/compiler';
import { describe, expect, it, vi } from 'vitest';
import type { IssueSummary } from '../../../../../preload/contract.ts';
import IssueList from '../../../../../renderer/src/components/issues/IssueList.svelte';
import { I18n, i18nContext } from '../../../../../renderer/src/lib/i18n/i18n.svelte.ts';
import { IssueListState } from '../../../../../renderer/src/lib/list/issue-list.svelte.ts';
import { createFakeLoader } from '../../lib/list/fake-issues.ts';
import source from '../../../../../renderer/src/components/issues/IssueList.svelte?raw';

const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
};

function renderList(total: number, options: { manual?: boolean } = {}) {
  const fake = createFakeLoader(total, options);
  const list = new IssueListState(fake.load, { sort: { field: 'key', direction: 'asc' } });
  const onopen = vi.fn<(issue: IssueSummary) => void>();
  const result = render(IssueList, {
    props: { list, onopen, label: 'Issues', viewportHeight: 360 },
    context: i18nContext(new I18n('en', { timeZone: 'UTC' })),
  });
  const grid = screen.getByRole('grid', { name: 'Issues' });
  const viewport = grid.querySelector<HTMLElement>('.viewport')!;
  return { fake, list, onopen, grid, viewport, ...result };
}

const rowElements = (grid: HTMLElement) =>
  grid.querySelectorAll('.viewport [role="row"]') as NodeListOf<HTMLElement>;

async function scrollTo(viewport: HTMLElement, top: number) {
  viewport.scrollTop = top;
  await fireEvent.scroll(viewport);
  await settle();
}

describe('IssueList', () => {
  it('renders only the visible rows of 50,000 at the top, middle and bottom', async () => {
    const { grid, viewport } = renderList(50_000);
    await settle();
    expect(grid.getAttribute('aria-rowcount')).toBe('50001');
    for (const top of [0, 25_000 * 36, 50_000 * 36]) {
      await scrollTo(viewport, top);
      const rows = rowElements(grid);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThanOrEqual(100);
      expect(grid.querySelectorAll('[role="row"]').length).toBeLessThanOrEqual(101);
    }
    const last = [...rowElements(grid)].at(-1)!;
    expect(last.getAttribute('aria-rowindex')).toBe('50001');
    expect(last.dataset['key']).toBe('Q-50000');
  });

  it('positions rows through custom properties, never a style attribute in the markup', async () => {
    const { container, grid, viewport } = renderList(50_000);
    await settle();
    await scrollTo(viewport, 1000 * 36);
    const spacer = grid.querySelector<HTMLElement>('.spacer')!;
    const rows = grid.querySelector<HTMLElement>('.rows')!;
    expect(spacer.style.getPropertyValue('--issue-list-height')).toBe(`${50_000 * 36}px`);
    expect(rows.style.getPropertyValue('--issue-list-offset')).toBe(`${(1000 - 8) * 36}px`);
    // The template Svelte clones as HTML carries no inline style (the CSP would block it); the
    // properties above come from CSSOM calls.
    const { js } = compile(source, { generate: 'client', filename: 'IssueList.svelte' });
    expect(js.code).not.toMatch(/style=/);
    expect(container.querySelector('[role="grid"]')).toBe(grid);
  });

  it('shows placeholders while a page loads, then the rows', async () => {
    const { fake, grid } = renderList(1000, { manual: true });
    flushSync();
    expect(grid.getAttribute('aria-busy')).toBe('true');
    fake.flush();
    await settle();
    await settle();
    expect(screen.getAllByTestId('issue-row').length).toBeGreaterThan(0);
    const viewport = grid.querySelector<HTMLElement>('.viewport')!;
    await scrollTo(viewport, 500 * 36);
    expect(screen.getAllByTestId('issue-row-placeholder').length).toBeGreaterThan(0);
    expect(screen.queryAllByTestId('issue-row')).toHaveLength(0);
    fake.flush();
    await settle();
    expect(screen.queryAllByTestId('issue-row-placeholder')).toHaveLength(0);
    const first = screen.getAllByTestId('issue-row')[0]!;
    expect(first.dataset['key']).toBe('Q-493');
    expect(first.textContent).toContain('Issue number 493');
    expect(first.textContent).toContain('Jan 2, 2025');
  });

  it('marks resolved issues', async () => {
    renderList(20);
    await settle();
    const resolved = screen
      .getAllByTestId('issue-row')
      .find((row) => row.dataset['key'] === 'Q-7')!;
    expect(resolved.classList.contains('resolved')).toBe(true);
    expect(resolved.textContent).toContain('Resolved');
  });

  it('sorts from the header buttons and reflects it in aria-sort', async () => {
    const { fake, grid } = renderList(1000);
    await settle();
    const keyHeader = screen.getByRole('columnheader', { name: /Key/ });
    expect(keyHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: /Updated/ }).getAttribute('aria-sort')).toBe(
      'none',
    );
    await fireEvent.click(screen.getByRole('button', { name: /Key/ }));
    await settle();
    expect(keyHeader.getAttribute('aria-sort')).toBe('descending');
    expect(fake.requests.at(-1)?.sort).toEqual({ field: 'key', direction: 'desc' });
    expect(rowElements(grid)[0]?.dataset['key']).toBe('D-1');

    await fireEvent.click(screen.getByRole('button', { name: /Updated/ }));
    await settle();
    expect(fake.requests.at(-1)?.sort).toEqual({ field: 'updated', direction: 'asc' });
    expect(screen.getByRole('columnheader', { name: /Updated/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    expect(keyHeader.getAttribute('aria-sort')).toBe('none');
  });

  it('moves the selection with j/k and arrows, scrolls it into view and opens on Enter', async () => {
    const { grid, list, onopen, viewport } = renderList(50_000);
    await settle();
    expect(grid.tabIndex).toBe(0);
    expect(grid.hasAttribute('aria-activedescendant')).toBe(false);
    grid.focus();
    await fireEvent.keyDown(grid, { key: 'j' });
    expect(list.selectedIndex).toBe(0);
    await fireEvent.keyDown(grid, { key: 'j' });
    await fireEvent.keyDown(grid, { key: 'ArrowDown' });
    await fireEvent.keyDown(grid, { key: 'k' });
    expect(list.selectedIndex).toBe(1);
    const selected = grid.querySelector('[aria-selected="true"]')!;
    expect(grid.getAttribute('aria-activedescendant')).toBe(selected.id);
    expect(selected.getAttribute('aria-rowindex')).toBe('3');
    await fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onopen).toHaveBeenCalledWith(expect.objectContaining({ key: 'Q-2' }));

    await fireEvent.keyDown(grid, { key: 'PageDown' });
    expect(list.selectedIndex).toBe(11);
    expect(viewport.scrollTop).toBe(12 * 36 - 360);
    await fireEvent.keyDown(grid, { key: 'ArrowUp' });
    await fireEvent.keyDown(grid, { key: 'PageUp' });
    expect(list.selectedIndex).toBe(0);
    expect(viewport.scrollTop).toBe(0);

    await fireEvent.keyDown(grid, { key: 'End' });
    await settle();
    expect(list.selectedIndex).toBe(49_999);
    expect(viewport.scrollTop).toBe(50_000 * 36 - 360);
    expect(rowElements(grid).length).toBeLessThanOrEqual(100);
    expect(grid.getAttribute('aria-activedescendant')).toBe(
      grid.querySelector('[aria-selected="true"]')?.id,
    );
    await fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onopen).toHaveBeenLastCalledWith(expect.objectContaining({ key: 'Q-50000' }));
    await fireEvent.keyDown(grid, { key: 'Home' });
    expect(list.selectedIndex).toBe(0);
    expect(viewport.scrollTop).toBe(0);
  });

  it('selects a row on click and opens it on double click', async () => {
    const { grid, list, onopen } = renderList(50);
    await settle();
    const row = rowElements(grid)[4]!;
    await fireEvent.click(row);
    expect(list.selectedIndex).toBe(4);
    expect(document.activeElement).toBe(grid);
    await fireEvent.dblClick(row);
    expect(onopen).toHaveBeenCalledWith(expect.objectContaining({ key: 'Q-5' }));
  });

  it('says when there are no issues', async () => {
    renderList(0);
    await settle();
    expect(screen.getByTestId('issue-list-empty').textContent).toBe('No issues');
  });
});
