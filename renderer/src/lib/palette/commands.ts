/**
 * The command palette's commands and how typing picks them: pure functions over plain data, so
 * the whole behaviour (which commands exist, what matches, what an issue key looks like) is tested
 * without a component. Commands are described, not run: the palette state turns a chosen
 * {@link PaletteAction} into navigation or a call.
 */
import type { SavedSearch, UserSettings } from '../../../../preload/contract.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { SCOPE_VIEWS, type ViewId } from '../state/navigation.svelte.ts';

/** What a command does when run. */
export type PaletteAction =
  | { readonly type: 'view'; readonly view: ViewId }
  | { readonly type: 'issue'; readonly key: string }
  | { readonly type: 'settings' }
  | { readonly type: 'syncNow' }
  | { readonly type: 'theme'; readonly theme: UserSettings['theme'] }
  | { readonly type: 'language'; readonly language: UserSettings['language'] };

/** The kind of a command, shown beside it. */
export type PaletteGroup = 'go' | 'issue' | 'search' | 'action';

/** One line of the palette. */
export interface PaletteCommand {
  /** Stable id, unique in a list (also the option's DOM id suffix). */
  readonly id: string;
  /** What the user reads, in the current locale. */
  readonly label: string;
  readonly group: PaletteGroup;
  readonly action: PaletteAction;
  /** More text that matches the command (e.g. the English label under a Russian UI). */
  readonly keywords?: readonly string[];
}

/** Looks up a message in one locale, with placeholders. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string>>) => string;

/** What the command list is built from. */
export interface PaletteSource {
  /** The current locale's messages. */
  readonly t: Translate;
  /** English messages, so English words find commands under any UI language. */
  readonly en: Translate;
  readonly pinnedQueues: readonly string[];
  readonly savedSearches: readonly SavedSearch[];
}

/** A command with its label in the current locale and in English as a keyword. */
function command(
  source: PaletteSource,
  id: string,
  group: PaletteGroup,
  key: MessageKey,
  action: PaletteAction,
  params?: Readonly<Record<string, string>>,
): PaletteCommand {
  const label = source.t(key, params);
  const english = source.en(key, params);
  return { id, label, group, action, keywords: english === label ? [] : [english] };
}

/** Every fixed command: the views, pinned queues, saved searches, settings, sync, theme, language. */
export function buildCommands(source: PaletteSource): PaletteCommand[] {
  const list: PaletteCommand[] = [
    command(source, 'go:inbox', 'go', 'palette.go.inbox', {
      type: 'view',
      view: { kind: 'inbox' },
    }),
  ];
  for (const scope of SCOPE_VIEWS) {
    list.push(
      command(source, `go:scope:${scope}`, 'go', `palette.go.scope.${scope}`, {
        type: 'view',
        view: { kind: 'scope', scope },
      }),
    );
  }
  for (const queue of source.pinnedQueues) {
    list.push(
      command(
        source,
        `go:queue:${queue}`,
        'go',
        'palette.go.queue',
        { type: 'view', view: { kind: 'queue', queue } },
        { queue },
      ),
    );
  }
  for (const saved of source.savedSearches) {
    list.push(
      command(
        source,
        `go:saved:${saved.id}`,
        'go',
        'palette.go.saved',
        { type: 'view', view: { kind: 'saved', id: saved.id } },
        { name: saved.name },
      ),
    );
  }
  list.push(
    command(source, 'action:sync', 'action', 'palette.syncNow', { type: 'syncNow' }),
    command(source, 'action:settings', 'action', 'palette.settings', { type: 'settings' }),
  );
  for (const theme of ['light', 'dark', 'system'] as const) {
    list.push(
      command(source, `action:theme:${theme}`, 'action', `palette.theme.${theme}`, {
        type: 'theme',
        theme,
      }),
    );
  }
  for (const language of ['en', 'ru', 'system'] as const) {
    list.push(
      command(source, `action:language:${language}`, 'action', `palette.language.${language}`, {
        type: 'language',
        language,
      }),
    );
  }
  return list;
}

/** Lower case with ё folded into е, so either spelling matches. */
export function normalize(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е').trim();
}

/**
 * How well `token` matches `text` (both normalized): 0 the text starts with it, 1 a word starts
 * with it, 2 it is inside, 3 its letters appear in order (fuzzy); null no match.
 */
export function matchScore(text: string, token: string): number | null {
  if (token === '') return 0;
  const at = text.indexOf(token);
  if (at === 0) return 0;
  if (at > 0) {
    const words = text.split(/[\s\p{P}]+/u);
    return words.some((word) => word.startsWith(token)) ? 1 : 2;
  }
  let from = 0;
  for (const char of token) {
    const found = text.indexOf(char, from);
    if (found < 0) return null;
    from = found + 1;
  }
  return 3;
}

/**
 * The commands matching `query`, best first: every word of the query must match the label or a
 * keyword; ties keep the list's order. Loose matches (letters in order) count only when nothing
 * matches as a substring, so "sett" finds the settings, not every label with those letters.
 * An empty query keeps every command.
 */
export function filterCommands(
  commands: readonly PaletteCommand[],
  query: string,
): PaletteCommand[] {
  const tokens = normalize(query).split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return [...commands];
  const scored: { command: PaletteCommand; score: number; fuzzy: boolean; index: number }[] = [];
  commands.forEach((candidate, index) => {
    const texts = [candidate.label, ...(candidate.keywords ?? [])].map(normalize);
    let best: { score: number; fuzzy: boolean } | null = null;
    for (const text of texts) {
      const scores = tokens.map((token) => matchScore(text, token));
      if (scores.some((score) => score === null)) continue;
      const score = scores.reduce<number>((sum, value) => sum + (value ?? 0), 0);
      const fuzzy = scores.includes(3);
      if (best === null || (best.fuzzy && !fuzzy) || (best.fuzzy === fuzzy && score < best.score))
        best = { score, fuzzy };
    }
    if (best !== null) scored.push({ command: candidate, ...best, index });
  });
  const exact = scored.filter((entry) => !entry.fuzzy);
  const kept = exact.length > 0 ? exact : scored;
  kept.sort((a, b) => a.score - b.score || a.index - b.index);
  return kept.map((entry) => entry.command);
}
