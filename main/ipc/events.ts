import * as v from 'valibot';
import {
  eventContract,
  wireName,
  type EventChannel,
  type EventPayload,
} from '../../preload/contract.ts';
import type { Logger } from '../log/types.ts';
import type { RendererSink } from './types.ts';

/** Sends typed main→renderer events. */
export interface EventEmitter {
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void;
}

/**
 * An emitter over the host's renderer sink. With `validate` on (dev and tests) a payload that breaks
 * the contract is dropped and logged instead of reaching the renderer.
 */
export function createEventEmitter(
  sink: RendererSink,
  log: Logger,
  validate = false,
): EventEmitter {
  return {
    emit(channel, payload) {
      if (validate) {
        const result = v.safeParse(eventContract[channel], payload);
        if (!result.success) {
          log.error('event violates contract', { channel });
          return;
        }
      }
      try {
        sink.broadcast(wireName(channel), payload);
      } catch (error) {
        log.warn('event delivery failed', { channel, error });
      }
    },
  };
}
