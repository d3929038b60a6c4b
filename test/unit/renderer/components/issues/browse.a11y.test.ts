/**
 * axe-core over the browse components in jsdom (roles, names, ARIA validity; colour contrast needs
 * layout and is left to the e2e checks): the sidebar, a list view with an open filter menu, search
 * results with the save dialog, and the search box with its dropdown open.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import axe from 'axe-core';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import IssuesView from '../../../../../renderer/src/components/issues/IssuesView.svelte';
import SearchBox from '../../../../../renderer/src/components/search/SearchBox.svelte';
import Sidebar from '../../../../../renderer/src/components/sidebar/Sidebar.svelte';
import { setBridge } from '../../../../../renderer/src/lib/bridge.ts';
import type { ViewId } from '../../../../../renderer/src/lib/state/navigation.svelte.ts';
import { createBrowserFixture } from '../../../../fakes/browser.ts';
import { createLibrary } from '../../../../fakes/library.ts';

const settle = async () => {
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
};

async function violations(root: Element): Promise<string[]> {
  const result = await axe.run(root, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function fixture(view: ViewId = { kind: 'scope', scope: 'all' }) {
  const made = await createBrowserFixture({
    handlers: createLibrary().handlers,
    settings: {
      pinnedQueues: ['TEST'],
      savedSearches: [{ id: 's1', name: 'Crashes', text: 'crash', mode: 'text' }],
    },
  });
  setBridge(made.fake.bridge);
  made.navigation.goView(view);
  return made;
}

afterEach(() => setBridge(null));

describe('browse accessibility (axe)', () => {
  it('the sidebar, with the queue picker and a delete confirmation open', async () => {
    const { context } = await fixture();
    const { container } = render(Sidebar, { context });
    await settle();
    await fireEvent.click(screen.getByTestId('pin-queue'));
    await fireEvent.click(screen.getByTestId('saved-delete'));
    await settle();
    expect(await violations(container)).toEqual([]);
  });

  it('a list view with a filter menu open', async () => {
    const { context } = await fixture();
    const { container } = render(IssuesView, {
      props: { view: { kind: 'scope', scope: 'all' } },
      context,
    });
    await settle();
    await fireEvent.click(screen.getByTestId('filter-queues'));
    await settle();
    expect(await violations(container)).toEqual([]);
  });

  it('search results with the save dialog open, and an empty view', async () => {
    const view: ViewId = { kind: 'search', text: 'crash', mode: 'text' };
    const { context } = await fixture(view);
    const { container } = render(IssuesView, { props: { view }, context });
    await settle();
    await fireEvent.click(screen.getByTestId('save-search'));
    await settle();
    expect(await violations(container)).toEqual([]);
    const empty: ViewId = { kind: 'search', text: 'zzzz', mode: 'text' };
    const second = render(IssuesView, { props: { view: empty }, context });
    await settle();
    expect(await violations(second.container)).toEqual([]);
  });

  it('the search box with its dropdown open and an option highlighted', async () => {
    const { context } = await fixture();
    const { container } = render(SearchBox, { context });
    const input = screen.getByRole('combobox');
    input.focus();
    await fireEvent.focus(input);
    await fireEvent.input(input, { target: { value: 'test-1' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settle();
    await fireEvent.keyDown(input, { key: 'ArrowDown' });
    flushSync();
    expect(await violations(container)).toEqual([]);
  });
});
