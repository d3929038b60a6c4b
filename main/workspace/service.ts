/**
 * Which Tracker the app is connected to. For now the demo workspace; the sign-in flow adds real
 * organizations behind the same state. Every change is pushed to the renderer as
 * `workspace.changed`; failures become an `error` state with a contract error, never a throw.
 */
import type { WorkspaceState } from '../../preload/contract.ts';
import { toAppError } from '../api/index.ts';
import type { TrackerClient } from '../api/index.ts';
import { isAppError } from '../errors.ts';
import type { EventEmitter } from '../ipc/events.ts';
import type { Logger } from '../log/types.ts';
import { openDemoWorkspace, type DemoOptions, type DemoWorkspace } from './demo.ts';

/** The workspace state machine. */
export interface WorkspaceService {
  state(): WorkspaceState;
  openDemo(): Promise<WorkspaceState>;
  close(): Promise<WorkspaceState>;
  /** The signed-in client, when a workspace is ready. */
  client(): TrackerClient | null;
  dispose(): Promise<void>;
}

/** Open issues assigned to the user: what the demo summary and the tray count show. */
export const ASSIGNED_OPEN_QUERY = 'Assignee: me() Resolution: empty()';

/** Builds the service; `open` is injectable so tests can stand in for the emulator. */
export function createWorkspaceService(deps: {
  readonly events: EventEmitter;
  readonly log: Logger;
  readonly demo: Omit<DemoOptions, 'log'>;
  readonly open?: (options: DemoOptions) => Promise<DemoWorkspace>;
}): WorkspaceService {
  const log = deps.log.child({ scope: 'workspace' });
  const open = deps.open ?? openDemoWorkspace;
  let current: WorkspaceState = { status: 'none' };
  let demo: DemoWorkspace | null = null;
  let pending: Promise<WorkspaceState> | null = null;

  function set(next: WorkspaceState): WorkspaceState {
    current = next;
    deps.events.emit('workspace.changed', next);
    return next;
  }

  async function start(): Promise<WorkspaceState> {
    set({ status: 'opening', kind: 'demo' });
    try {
      demo = await open({ ...deps.demo, log });
      const client = demo.client;
      const [me, assignedOpen, total] = await Promise.all([
        client.myself(),
        client.issues.count({ query: ASSIGNED_OPEN_QUERY }),
        client.issues.count({ filter: {} }),
      ]);
      log.info('demo workspace ready', { apiBase: demo.emulator.apiBase });
      return set({
        status: 'ready',
        kind: 'demo',
        user: { login: me.login ?? '', display: me.display ?? me.login ?? '' },
        org: { id: demo.emulator.org.id, kind: '360' },
        counts: { assignedOpen, total },
      });
    } catch (error) {
      log.error('demo workspace failed to open', { error });
      await demo?.close().catch(() => undefined);
      demo = null;
      const appError = isAppError(error) ? error : toAppError(error);
      return set({ status: 'error', error: appError.toIpcError() });
    }
  }

  return {
    state: () => current,
    openDemo() {
      if (current.status === 'ready') return Promise.resolve(current);
      // Two clicks while opening share one emulator.
      pending ??= start().finally(() => (pending = null));
      return pending;
    },
    async close() {
      await pending;
      await demo?.close();
      demo = null;
      return set({ status: 'none' });
    },
    client: () => demo?.client ?? null,
    async dispose() {
      await pending?.catch(() => undefined);
      await demo?.close();
      demo = null;
    },
  };
}
