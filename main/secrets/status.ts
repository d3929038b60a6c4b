/**
 * What the UI needs to explain how secrets are kept: the backend decision as data plus a list of
 * text keys (never sentences: the renderer owns wording and translation).
 */
import type { LinuxStorageBackend, SecretStoreKind } from './types.ts';

/**
 * Every explanation key, so the UI can keep an exhaustive translation table:
 * - `secrets.unavailable`: the OS offers no encryption; secrets last for this session only.
 * - `secrets.fileError`: encryption works but the secrets file cannot be used; session only.
 * - `secrets.weak.sessionOnly`: no keyring (Linux basic_text); kept in memory, sign in after restart.
 * - `secrets.weak.persisted`: saved anyway, with encryption that does not protect it (user's choice).
 * - `secrets.weak.offerOptIn` / `secrets.weak.offerRevoke`: the toggle to show.
 * - `secrets.install.gnomeKeyring` / `secrets.install.kwallet`: which keyring to install or enable.
 * - `secrets.restartAfterInstall`: the backend is chosen at startup.
 */
export const SECRET_STORAGE_HINTS = [
  'secrets.unavailable',
  'secrets.fileError',
  'secrets.weak.sessionOnly',
  'secrets.weak.persisted',
  'secrets.weak.offerOptIn',
  'secrets.weak.offerRevoke',
  'secrets.install.gnomeKeyring',
  'secrets.install.kwallet',
  'secrets.restartAfterInstall',
] as const;

/** One of {@link SECRET_STORAGE_HINTS}. */
export type SecretStorageHint = (typeof SECRET_STORAGE_HINTS)[number];

/** How secrets are kept right now, for the UI (and `auth.state`'s `storage`). */
export interface SecretStorageStatus {
  kind: SecretStoreKind;
  /** Whether secrets survive a restart. */
  persistent: boolean;
  /** The Linux backend safeStorage chose; null off Linux or when encryption is unavailable. */
  backend: LinuxStorageBackend | null;
  /** Whether the user allowed persisting with the weak backend. */
  weakOptIn: boolean;
  /** Explanation keys, most important first. */
  hints: SecretStorageHint[];
}

/** Input of {@link describeSecretStorage}. */
export interface SecretStorageFacts {
  kind: SecretStoreKind;
  persistent: boolean;
  backend: LinuxStorageBackend | null;
  weakOptIn: boolean;
  platform: NodeJS.Platform;
  /** Why a memory store was chosen; 'file' when encryption works but the file does not. */
  memoryCause?: 'encryption' | 'file';
  /** `XDG_CURRENT_DESKTOP`; puts the KWallet hint first on KDE. */
  desktop?: string;
}

function installHints(desktop: string | undefined): SecretStorageHint[] {
  const kde = /kde|plasma/i.test(desktop ?? '');
  return kde
    ? ['secrets.install.kwallet', 'secrets.install.gnomeKeyring', 'secrets.restartAfterInstall']
    : ['secrets.install.gnomeKeyring', 'secrets.install.kwallet', 'secrets.restartAfterInstall'];
}

/** The status the UI shows for the given facts. */
export function describeSecretStorage(facts: SecretStorageFacts): SecretStorageStatus {
  const hints: SecretStorageHint[] = [];
  if (facts.kind === 'memory') {
    hints.push(facts.memoryCause === 'file' ? 'secrets.fileError' : 'secrets.unavailable');
    if (facts.platform === 'linux' && facts.memoryCause !== 'file') {
      hints.push(...installHints(facts.desktop));
    }
  } else if (facts.kind === 'weak') {
    hints.push(facts.persistent ? 'secrets.weak.persisted' : 'secrets.weak.sessionOnly');
    hints.push(facts.persistent ? 'secrets.weak.offerRevoke' : 'secrets.weak.offerOptIn');
    hints.push(...installHints(facts.desktop));
  }
  return {
    kind: facts.kind,
    persistent: facts.persistent,
    backend: facts.backend,
    weakOptIn: facts.weakOptIn,
    hints,
  };
}
