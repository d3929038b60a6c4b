/**
 * The record of secrets a store had to drop. Losses are usually found at startup, before the
 * session layer subscribes, so they are kept until taken as well as pushed to listeners.
 */
import type { LostSecret, LostSecretsSource } from './types.ts';

/** A {@link LostSecretsSource} that stores can append to. */
export interface LostSecretLog extends LostSecretsSource {
  /** Keeps `lost` for {@link LostSecretsSource.takeLostSecrets} and tells every listener. */
  record(lost: LostSecret): void;
}

/** Creates an empty {@link LostSecretLog}. */
export function createLostSecretLog(): LostSecretLog {
  const pending: LostSecret[] = [];
  const listeners = new Set<(lost: LostSecret) => void>();
  return {
    record(lost) {
      pending.push(lost);
      for (const listener of [...listeners]) {
        try {
          listener({ ...lost });
        } catch {
          // A broken listener must not turn a handled loss into a failed read.
        }
      }
    },
    onLost(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    takeLostSecrets() {
      return pending.splice(0, pending.length);
    },
  };
}
