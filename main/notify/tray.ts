/**
 * The tray model, built whole from the app's state: which icon (unread, offline, error, normal),
 * the tooltip with the unread count, the recent assigned issues and the menu labels. Pure, so the
 * wording and the state precedence are tested without a tray.
 */
import type { SyncStatus } from '../../preload/contract.ts';
import type { TrayModel, TrayState } from '../platform/desktop.ts';
import { NOTIFY_MESSAGES, plural, type NotifyLanguage } from './messages.ts';

/** What the tray model is built from. */
export interface TrayInputs {
  readonly unread: number;
  /** The sync status; null before a workspace is open. */
  readonly sync: SyncStatus | null;
  readonly recent: readonly { readonly key: string; readonly summary: string }[];
  readonly paused: boolean;
  readonly language: NotifyLanguage;
}

/**
 * The icon state. Offline and a failed sync outrank unread entries: a stale inbox is the more
 * important thing to know, and the tooltip still tells the count.
 */
export function trayState(unread: number, sync: SyncStatus | null): TrayState {
  if (sync && sync.state !== 'signedOut') {
    if (!sync.online || sync.state === 'offline') return 'offline';
    if (sync.state === 'error') return 'error';
  }
  return unread > 0 ? 'unread' : 'normal';
}

/** Builds the tray model. */
export function buildTrayModel(inputs: TrayInputs): TrayModel {
  const m = NOTIFY_MESSAGES[inputs.language];
  return {
    state: trayState(inputs.unread, inputs.sync),
    unread: inputs.unread,
    tooltip:
      inputs.unread > 0
        ? plural(inputs.language, m.trayTooltipUnread, inputs.unread)
        : m.trayTooltip,
    recent: inputs.recent.slice(0, 10),
    paused: inputs.paused,
    labels: {
      open: m.trayOpen,
      recent: m.trayRecent,
      syncNow: m.traySyncNow,
      pauseHour: m.trayPauseHour,
      pauseTomorrow: m.trayPauseTomorrow,
      resume: m.trayResume,
      quit: m.trayQuit,
    },
  };
}
