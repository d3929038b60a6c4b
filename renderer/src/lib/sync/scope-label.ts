/** How a sync scope (`assigned`, `queue:DESK`, …) is named in the UI. */
import type { I18n } from '../i18n/i18n.svelte.ts';
import type { MessageKey } from '../i18n/messages.ts';

const SCOPES: Readonly<Record<string, MessageKey>> = {
  all: 'sync.scope.all',
  assigned: 'sync.scope.assigned',
  followed: 'sync.scope.followed',
  authored: 'sync.scope.authored',
  summoned: 'sync.scope.summoned',
  favorites: 'sync.scope.favorites',
  opened: 'sync.scope.opened',
};

/** The localized name of `scope`; an unknown scope shows as it is. */
export function scopeLabel(i18n: I18n, scope: string): string {
  if (scope.startsWith('queue:')) return i18n.t('sync.scope.queue', { queue: scope.slice(6) });
  const key = SCOPES[scope];
  return key ? i18n.t(key) : scope;
}
