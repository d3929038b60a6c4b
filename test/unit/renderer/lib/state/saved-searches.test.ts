import { describe, expect, it } from 'vitest';
import {
  addSavedSearch,
  findSavedSearch,
  newSavedSearchId,
  pinQueue,
  removeSavedSearch,
  unpinQueue,
} from '../../../../../renderer/src/lib/state/saved-searches.svelte.ts';
import { SettingsStore } from '../../../../../renderer/src/lib/state/settings.svelte.ts';
import { SavedSearchSchema } from '../../../../../preload/contract.ts';
import * as v from 'valibot';
import { createFakeBridge } from '../../../../fakes/bridge.ts';

async function setup() {
  const fake = createFakeBridge();
  const settings = new SettingsStore(fake.bridge);
  await settings.load();
  return { fake, settings };
}

describe('saved searches and pinned queues', () => {
  it('makes ids the settings schema accepts', () => {
    const id = newSavedSearchId(Date.UTC(2026, 0, 1), 0.5);
    expect(v.safeParse(SavedSearchSchema, { id, name: 'n', text: 't', mode: 'text' }).success).toBe(
      true,
    );
  });

  it('adds a search with a trimmed name and removes it again', async () => {
    const { fake, settings } = await setup();
    const saved = await addSavedSearch(settings, {
      name: '  Crashes ',
      text: 'crash',
      mode: 'query',
    });
    expect(saved).toMatchObject({ name: 'Crashes', text: 'crash', mode: 'query' });
    expect(fake.calls('settings.update').at(-1)?.savedSearches).toHaveLength(1);
    expect(findSavedSearch(settings, saved!.id)?.name).toBe('Crashes');
    expect(await removeSavedSearch(settings, saved!.id)).toBe(true);
    expect(settings.value?.savedSearches).toEqual([]);
  });

  it('pins each queue once and unpins it', async () => {
    const { settings } = await setup();
    await pinQueue(settings, 'TEST');
    await pinQueue(settings, 'TEST');
    await pinQueue(settings, 'DOCS');
    expect(settings.value?.pinnedQueues).toEqual(['TEST', 'DOCS']);
    await unpinQueue(settings, 'TEST');
    expect(settings.value?.pinnedQueues).toEqual(['DOCS']);
  });
});
