import type { InvokeEventLike } from './types.ts';

/** Why a sender was refused; logged, and echoed to the caller as a generic E_FORBIDDEN. */
export type SenderRejection =
  'no-frame' | 'subframe' | 'foreign-origin' | 'untrusted-webcontents' | 'bad-url';

/**
 * Compares a URL's scheme, host and port with the app's. `URL.origin` is "null" for custom schemes
 * such as `app://`, so origins are compared by their parts, never by string prefix.
 */
export function isSameOrigin(url: string, appOrigin: string): boolean {
  let candidate: URL;
  let expected: URL;
  try {
    candidate = new URL(url);
    expected = new URL(appOrigin);
  } catch {
    return false;
  }
  return (
    candidate.protocol === expected.protocol &&
    candidate.host.toLowerCase() === expected.host.toLowerCase() &&
    candidate.username === '' &&
    candidate.password === ''
  );
}

/**
 * Checks who sent an IPC call: a top frame of a webContents we created, showing a page of the app's
 * own origin. Returns null when the sender may call, the reason otherwise.
 */
export function checkSender(
  event: InvokeEventLike,
  appOrigin: string,
  isTrusted: (webContentsId: number) => boolean,
): SenderRejection | null {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return 'no-frame';
  if (frame.parent !== null) return 'subframe';
  if (typeof frame.url !== 'string' || frame.url === '') return 'bad-url';
  if (!isSameOrigin(frame.url, appOrigin)) return 'foreign-origin';
  if (!isTrusted(event.sender.id)) return 'untrusted-webcontents';
  return null;
}
