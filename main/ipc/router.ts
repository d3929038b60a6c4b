import * as v from 'valibot';
import {
  CHANNEL_PREFIX,
  invokeContract,
  wireName,
  type InvokeChannel,
  type IpcError,
  type IpcResult,
} from '../../preload/contract.ts';
import { isAppError } from '../errors.ts';
import type { Logger } from '../log/types.ts';
import type { InvokeHandlers } from './handlers.ts';
import { checkSender } from './sender-guard.ts';
import type { IpcMainLike, InvokeEventLike, SenderRegistry } from './types.ts';

/** What the router needs from its host. */
export interface RouterOptions {
  readonly ipc: IpcMainLike;
  /** Origin of the app's pages, e.g. `app://app` or `http://127.0.0.1:5123`. */
  readonly appOrigin: string;
  readonly senders: SenderRegistry;
  readonly handlers: InvokeHandlers;
  readonly log: Logger;
  /** Also validate responses against the contract (dev and tests), turning a mismatch into E_INTERNAL. */
  readonly validateResponses?: boolean;
}

/** A registered router; `dispose` removes every handler it added. */
export interface Router {
  /** Handles one call exactly as the IPC layer would; the hosts and tests call it directly. */
  dispatch(
    channel: string,
    event: InvokeEventLike,
    args: readonly unknown[],
  ): Promise<IpcResult<unknown>>;
  dispose(): void;
}

function fail(code: IpcError['code'], message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

function issuesSummary(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeContract, name);
}

/**
 * Registers one `handle` per contract channel on the injected IPC object. Every call is checked
 * (sender frame, origin, trusted webContents), its argument parsed against the channel's schema,
 * then handed to the handler; the answer is always an {@link IpcResult}, so a bad call never
 * throws across the bridge or crashes main.
 */
export function createRouter(options: RouterOptions): Router {
  const log = options.log.child({ scope: 'ipc' });
  const registered: string[] = [];

  async function dispatch(
    wire: string,
    event: InvokeEventLike,
    args: readonly unknown[],
  ): Promise<IpcResult<unknown>> {
    const channel = wire.startsWith(CHANNEL_PREFIX) ? wire.slice(CHANNEL_PREFIX.length) : '';
    if (!isInvokeChannel(channel)) {
      log.warn('unknown channel', { channel: wire.slice(0, 100) });
      return fail('E_UNKNOWN_CHANNEL', 'Unknown channel');
    }
    let rejection;
    try {
      rejection = checkSender(event, options.appOrigin, (id) => options.senders.isTrusted(id));
    } catch {
      rejection = 'bad-url' as const;
    }
    if (rejection) {
      log.warn('rejected sender', { channel, reason: rejection });
      return fail('E_FORBIDDEN', 'The caller is not allowed to use this channel');
    }
    if (args.length > 1) return fail('E_BAD_REQUEST', 'Too many arguments');
    const spec = invokeContract[channel];
    const parsed = v.safeParse(spec.request, args[0]);
    if (!parsed.success) {
      log.warn('bad request', { channel, issues: issuesSummary(parsed.issues) });
      return fail(
        'E_BAD_REQUEST',
        `Invalid request for ${channel}: ${issuesSummary(parsed.issues)}`,
      );
    }
    try {
      const handler = options.handlers[channel] as (
        request: unknown,
        context: { senderId: number },
      ) => unknown;
      const data = await handler(parsed.output, { senderId: event.sender.id });
      if (options.validateResponses) {
        const checked = v.safeParse(spec.response, data);
        if (!checked.success) {
          log.error('response violates contract', {
            channel,
            issues: issuesSummary(checked.issues),
          });
          return fail('E_INTERNAL', 'The app produced an invalid response');
        }
      }
      return { ok: true, data };
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.toIpcError() };
      log.error('handler failed', { channel, error });
      return fail('E_INTERNAL', 'Something went wrong in the app; details are in the log');
    }
  }

  for (const channel of Object.keys(invokeContract) as InvokeChannel[]) {
    const wire = wireName(channel);
    options.ipc.handle(wire, (event, ...args) => dispatch(wire, event, args));
    registered.push(wire);
  }

  return {
    dispatch,
    dispose() {
      for (const wire of registered.splice(0)) options.ipc.removeHandler(wire);
    },
  };
}
