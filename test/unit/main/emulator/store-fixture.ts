/**
 * Shared helpers of the emulator store tests: a small seeded store, well-known actors and a way to
 * capture the EmulatorError a call throws.
 */
import { EmulatorError } from '../../../../main/emulator/errors.ts';
import type { IssueRecord } from '../../../../main/emulator/model.ts';
import { EmulatorStore } from '../../../../main/emulator/store.ts';

/** The seeded world's clock. */
export const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

/** A fresh store over a 300-issue world, plus handy uids. */
export function fixture() {
  const store = EmulatorStore.fromSeed({ seed: 5, issues: 300, now: NOW });
  const uid = (login: string): number => {
    const user = store.user(login);
    if (!user) throw new Error(`no user ${login}`);
    return user.uid;
  };
  const demo = store.demoUid;
  const ivan = uid('ivan.petrov');
  const maria = uid('maria.ivanova');
  let clock = NOW;
  /** A later moment on every call, like a real clock. */
  const tick = (): number => (clock += 1000);
  /** A new open DESK issue (dev workflow). */
  const fresh = (extra: Record<string, unknown> = {}): IssueRecord => {
    const result = store.createIssue(
      { queue: 'DESK', summary: 'Fixture issue', ...extra },
      demo,
      tick(),
    );
    if (!('created' in result)) throw new Error('expected a new issue');
    return result.created;
  };
  return { store, demo, ivan, maria, uid, tick, fresh };
}

/** The EmulatorError thrown by `fn`; fails when it throws something else or nothing. */
export function errorOf(fn: () => unknown): EmulatorError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EmulatorError) return error;
    throw error;
  }
  throw new Error('expected an EmulatorError');
}
