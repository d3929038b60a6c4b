import { AppError } from '../../main/errors.ts';
import type { InvokeHandlers } from '../../main/ipc/handlers.ts';
import { invokeContract } from '../../preload/contract.ts';

/**
 * A handler for every contract channel that fails with E_UNAVAILABLE, so router tests can override
 * just the channels they exercise and still satisfy the compile-time coverage check.
 */
export function unavailableHandlers(): InvokeHandlers {
  const fail = () => {
    throw new AppError('E_UNAVAILABLE', 'not wired in this test');
  };
  return Object.fromEntries(
    Object.keys(invokeContract).map((channel) => [channel, fail]),
  ) as unknown as InvokeHandlers;
}
