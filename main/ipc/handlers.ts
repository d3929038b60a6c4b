import type { InvokeChannel, InvokeRequest, InvokeResponse } from '../../preload/contract.ts';

/** What a handler knows about the call besides its request. */
export interface CallContext {
  /** The webContents id of the calling window. */
  readonly senderId: number;
}

/** The implementation of one invoke channel. */
export type InvokeHandler<K extends InvokeChannel> = (
  request: InvokeRequest<K>,
  context: CallContext,
) => Promise<InvokeResponse<K>> | InvokeResponse<K>;

/**
 * One handler per invoke channel of the contract. Because this is a mapped type over every channel,
 * a channel added to the contract without a handler in main is a compile error.
 */
export type InvokeHandlers = { readonly [K in InvokeChannel]: InvokeHandler<K> };
