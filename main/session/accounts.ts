/**
 * The index of signed-in accounts, keyed by (user, organization) so a second account can be added
 * later without a migration. Holds no secret: tokens live in the SecretStore under the same key.
 */
import Conf from 'conf';

/** An account as remembered between runs. */
export interface AccountRecord {
  /** `<uid>@<orgKind>:<orgId>`: one user in one organization. */
  readonly key: string;
  readonly uid: string;
  readonly login: string;
  readonly display: string;
  readonly org: { readonly id: string; readonly kind: '360' | 'cloud' };
  readonly tokenKind: 'oauth' | 'iam';
  readonly addedAt: number;
}

/** The key of a (user, organization) pair. */
export function accountKey(uid: string, org: { id: string; kind: string }): string {
  return `${uid}@${org.kind}:${org.id}`;
}

interface AccountsFile {
  accounts: Record<string, AccountRecord>;
  current: string | null;
}

/** Reads and writes the accounts index (a JSON file in the app's data folder). */
export class AccountIndex {
  readonly #conf: Conf<AccountsFile>;

  constructor(dataDir: string) {
    this.#conf = new Conf<AccountsFile>({
      cwd: dataDir,
      configName: 'accounts',
      projectName: 'tracker-desktop',
      defaults: { accounts: {}, current: null },
      // A damaged file must not stop the app from starting: start over (no secret is in it).
      clearInvalidConfig: true,
    });
  }

  /** The account the app opens with, if any. */
  current(): AccountRecord | null {
    const key = this.#conf.get('current');
    return key ? (this.#conf.get('accounts')[key] ?? null) : null;
  }

  /** Every remembered account. */
  list(): AccountRecord[] {
    return Object.values(this.#conf.get('accounts'));
  }

  /** Remembers an account and makes it current. */
  save(account: AccountRecord): void {
    this.#conf.set('accounts', { ...this.#conf.get('accounts'), [account.key]: account });
    this.#conf.set('current', account.key);
  }

  /** Forgets an account; the current one falls back to none. */
  remove(key: string): void {
    const accounts = { ...this.#conf.get('accounts') };
    delete accounts[key];
    this.#conf.set('accounts', accounts);
    if (this.#conf.get('current') === key) this.#conf.set('current', null);
  }
}
