/**
 * What the window says while a workspace opens, one message per kind, so the sign-in screen's demo
 * option and the workspace panel word it the same way.
 */
import type { WorkspaceState } from '../../../../preload/contract.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** The kinds of workspace that can be opening. */
export type OpeningKind = Extract<WorkspaceState, { status: 'opening' }>['kind'];

/** The progress message for each kind. */
export const OPENING_MESSAGES: Readonly<Record<OpeningKind, MessageKey>> = {
  demo: 'workspace.opening.demo',
  tracker: 'workspace.opening.tracker',
};
