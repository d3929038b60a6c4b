import { describe, expect, it } from 'vitest';
import type { IssueSummary } from '../../../../../preload/contract.ts';
import { PaletteState } from '../../../../../renderer/src/lib/state/palette.svelte.ts';
import { createBrowserFixture } from '../../../../fakes/browser.ts';
import { fail, ok, type FakeHandlers } from '../../../../fakes/bridge.ts';

function issue(key: string, summary: string): IssueSummary {
  return {
    key,
    summary,
    queue: key.split('-')[0] ?? '',
    status: null,
    priority: null,
    type: null,
    assignee: null,
    updatedAt: 0,
    createdAt: 0,
    resolved: false,
  };
}

async function setup(
  options: { locale?: 'en' | 'ru'; handlers?: FakeHandlers; online?: boolean } = {},
) {
  const fixture = await createBrowserFixture({
    locale: options.locale,
    handlers: options.handlers,
    appInfo: { online: options.online ?? true },
    sync: { state: 'idle', online: true, lastSuccessAt: null },
  });
  const palette = new PaletteState(fixture, { bridge: fixture.fake.bridge, searchDelay: 0 });
  return { fixture, palette };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('PaletteState', () => {
  it('offers the fixed commands for an empty query', async () => {
    const { palette } = await setup();
    expect(palette.items[0]?.label).toBe('Inbox');
    expect(palette.items.some((c) => c.id === 'search:text')).toBe(false);
  });

  it('offers "Open KEY" first for a typed key, then search and query commands', async () => {
    const { palette } = await setup();
    palette.setQuery('test 12');
    expect(palette.items[0]).toMatchObject({
      label: 'Open TEST-12',
      action: { type: 'issue', key: 'TEST-12' },
    });
    expect(palette.items.map((c) => c.id)).toContain('search:text');
    expect(palette.items.find((c) => c.id === 'search:query')?.label).toBe(
      'Run “test 12” as a Tracker query',
    );
  });

  it('offers no Tracker query offline', async () => {
    const { palette } = await setup({ online: false });
    palette.setQuery('bug');
    expect(palette.items.map((c) => c.id)).not.toContain('search:query');
  });

  it('adds the best offline search hits as "Open KEY — summary"', async () => {
    const { palette, fixture } = await setup({
      handlers: {
        'issues.search': () => ok({ hits: [{ issue: issue('TEST-3', 'Login fails'), rank: 1 }] }),
      },
    });
    palette.setQuery('login');
    expect(palette.searching).toBe(true);
    await settle();
    expect(palette.searching).toBe(false);
    expect(fixture.fake.calls('issues.search')).toEqual([{ text: 'login', limit: 5 }]);
    expect(palette.items.at(-1)).toMatchObject({
      label: 'Open TEST-3 — Login fails',
      action: { type: 'issue', key: 'TEST-3' },
    });
  });

  it('a failed search only means no hits', async () => {
    const { palette } = await setup({ handlers: { 'issues.search': () => fail('E_INTERNAL') } });
    palette.setQuery('login');
    await settle();
    expect(palette.items.map((c) => c.id)).toEqual(['search:text', 'search:query']);
  });

  it('moves the active command with wrap-around', async () => {
    const { palette } = await setup();
    palette.move(-1);
    expect(palette.active).toBe(palette.items.length - 1);
    palette.move(1);
    expect(palette.active).toBe(0);
    palette.moveTo('last');
    expect(palette.current).toBe(palette.items.at(-1));
  });

  it('runs navigation, search, settings, sync, theme and language commands', async () => {
    const { palette, fixture } = await setup();
    palette.setQuery('TEST-5');
    palette.run();
    expect(fixture.navigation.route).toEqual({ screen: 'issue', key: 'TEST-5' });

    palette.setQuery('crash');
    palette.run(palette.items.find((c) => c.id === 'search:text'));
    expect(fixture.navigation.route).toEqual({
      screen: 'view',
      view: { kind: 'search', text: 'crash', mode: 'text' },
    });

    palette.setQuery('');
    palette.run(palette.items.find((c) => c.id === 'action:settings'));
    expect(fixture.navigation.route).toEqual({ screen: 'settings' });

    palette.run(palette.items.find((c) => c.id === 'action:sync'));
    palette.run(palette.items.find((c) => c.id === 'action:theme:dark'));
    palette.run(palette.items.find((c) => c.id === 'action:language:ru'));
    await settle();
    expect(fixture.fake.calls('sync.now')).toHaveLength(1);
    expect(fixture.fake.calls('settings.update')).toEqual([{ theme: 'dark' }, { language: 'ru' }]);
  });

  it('filters in Russian', async () => {
    const { palette } = await setup({ locale: 'ru' });
    palette.setQuery('входящ');
    expect(palette.items[0]?.label).toBe('Входящие');
  });
});
