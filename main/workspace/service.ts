/**
 * Which Tracker the app is connected to. For now the demo workspace; the sign-in flow adds real
 * organizations behind the same state. Every change is pushed to the renderer as
 * `workspace.changed`; failures become an `error` state with a contract error, never a throw.
 */
import type { WorkspaceState } from '../../preload/contract.ts';

type WorkspaceUser = { readonly login: string; readonly display: string };
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
  /** Shows a signed-in Tracker organization (the session layer owns its client and tokens). */
  openTracker(
    client: TrackerClient,
    user: WorkspaceUser,
    org: { id: string; kind: '360' | 'cloud' },
    /** Names the local cache of this organization and account; it is attached with the client. */
    cacheKey?: string,
  ): Promise<WorkspaceState>;
  close(): Promise<WorkspaceState>;
  /** Closes the workspace only if it shows a signed-in organization (opening, ready or failed). */
  closeTracker(): Promise<WorkspaceState>;
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
  /** Told which client and cache the open workspace uses (null when it closes). */
  readonly onAttach?: (client: TrackerClient | null, cacheKey: string | null) => Promise<void>;
}): WorkspaceService {
  const log = deps.log.child({ scope: 'workspace' });
  const open = deps.open ?? openDemoWorkspace;
  let current: WorkspaceState = { status: 'none' };
  let demo: DemoWorkspace | null = null;
  let tracker: TrackerClient | null = null;
  let pending: Promise<WorkspaceState> | null = null;
  // Bumped by every open and close, so an opening that a sign-out overtook cannot land.
  let generation = 0;

  /** Hands the client to the data layer; resolves once it is attached (or detached). */
  async function attach(client: TrackerClient | null, cacheKey: string | null): Promise<void> {
    await deps
      .onAttach?.(client, cacheKey)
      .catch((error: unknown) => log.error('workspace data did not open', { error }));
  }

  async function counts(client: TrackerClient) {
    const [assignedOpen, total] = await Promise.all([
      client.issues.count({ query: ASSIGNED_OPEN_QUERY }),
      client.issues.count({ filter: {} }),
    ]);
    return { assignedOpen, total };
  }

  function failed(error: unknown): WorkspaceState {
    const appError = isAppError(error) ? error : toAppError(error);
    return set({ status: 'error', error: appError.toIpcError() });
  }

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
      const [me, { assignedOpen, total }] = await Promise.all([client.myself(), counts(client)]);
      log.info('demo workspace ready', { apiBase: demo.emulator.apiBase });
      void attach(client, 'demo');
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
      return failed(error);
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
    async openTracker(client, user, org, cacheKey) {
      // Claimed before any await, so a sign-out arriving meanwhile can close it.
      const mine = ++generation;
      tracker = client;
      await pending?.catch(() => undefined);
      await demo?.close().catch(() => undefined);
      demo = null;
      if (mine !== generation) return current;
      if (cacheKey) void attach(client, cacheKey);
      set({ status: 'opening', kind: 'tracker' });
      try {
        const summary = await counts(client);
        if (mine !== generation) return current;
        return set({ status: 'ready', kind: 'tracker', user, org, counts: summary });
      } catch (error) {
        if (mine !== generation) return current;
        log.warn('workspace summary failed', { error });
        return failed(error);
      }
    },
    async closeTracker() {
      if (!tracker) return current;
      generation++;
      tracker = null;
      await attach(null, null);
      return set({ status: 'none' });
    },
    async close() {
      generation++;
      await pending;
      await demo?.close().catch(() => undefined);
      demo = null;
      tracker = null;
      await attach(null, null);
      return set({ status: 'none' });
    },
    client: () => tracker ?? demo?.client ?? null,
    async dispose() {
      await pending?.catch(() => undefined);
      await demo?.close().catch(() => undefined);
      demo = null;
      tracker = null;
    },
  };
}
