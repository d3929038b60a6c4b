/**
 * Saving and deleting named searches. They live in the user's settings (`savedSearches`), so the
 * sidebar, the palette and other windows all see the same list through `settings.changed`.
 */
import type { SavedSearch } from '../../../../preload/contract.ts';
import type { SettingsStore } from './settings.svelte.ts';

/** Most saved searches the settings accept. */
export const MAX_SAVED_SEARCHES = 50;

/** A fresh id the settings schema accepts (`[\w-]{1,64}`). */
export function newSavedSearchId(now: number = Date.now(), random: number = Math.random()): string {
  return `s-${now.toString(36)}-${Math.floor(random * 36 ** 6).toString(36)}`;
}

/** The saved searches, or none before the settings are loaded. */
export function savedSearches(settings: SettingsStore): readonly SavedSearch[] {
  return settings.value?.savedSearches ?? [];
}

/** Finds a saved search by id. */
export function findSavedSearch(settings: SettingsStore, id: string): SavedSearch | undefined {
  return savedSearches(settings).find((search) => search.id === id);
}

/**
 * Appends a saved search named `name`; resolves with it once main accepted the change, or null
 * (the settings store holds the error). Never throws.
 */
export async function addSavedSearch(
  settings: SettingsStore,
  search: Omit<SavedSearch, 'id'>,
): Promise<SavedSearch | null> {
  const list = savedSearches(settings);
  if (list.length >= MAX_SAVED_SEARCHES) return null;
  const saved: SavedSearch = {
    id: newSavedSearchId(),
    name: search.name.trim().slice(0, 100),
    text: search.text.trim().slice(0, 500),
    mode: search.mode,
  };
  return (await settings.update({ savedSearches: [...list, saved] })) ? saved : null;
}

/** Deletes saved search `id`; resolves true once main accepted the change. Never throws. */
export async function removeSavedSearch(settings: SettingsStore, id: string): Promise<boolean> {
  const list = savedSearches(settings);
  if (!list.some((search) => search.id === id)) return true;
  return settings.update({ savedSearches: list.filter((search) => search.id !== id) });
}

/** Pins queue `key` in the sidebar (no-op when pinned). Never throws. */
export async function pinQueue(settings: SettingsStore, key: string): Promise<boolean> {
  const pinned = settings.value?.pinnedQueues ?? [];
  if (pinned.includes(key)) return true;
  return settings.update({ pinnedQueues: [...pinned, key] });
}

/** Unpins queue `key`. Never throws. */
export async function unpinQueue(settings: SettingsStore, key: string): Promise<boolean> {
  const pinned = settings.value?.pinnedQueues ?? [];
  return settings.update({ pinnedQueues: pinned.filter((queue) => queue !== key) });
}
