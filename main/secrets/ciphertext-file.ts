/**
 * Where ciphertext rests: a JSON file of `key → base64` written through `conf` (electron-store's
 * engine: atomic writes, a JSON schema). electron-store itself imports electron at module top, so
 * we use conf directly with `cwd` = the app's data folder. The file only ever holds ciphertext;
 * mode 0600 still keeps other local users from copying it to attack offline.
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { errorFields } from './errors.ts';
import type { Logger } from '../log/types.ts';

/** Key → base64 ciphertext storage with synchronous, individually atomic operations. */
export interface CiphertextFile {
  /** The file on disk, for diagnostics (null when not backed by a file). */
  readonly location: string | null;
  get(key: string): string | undefined;
  set(key: string, ciphertext: string): void;
  delete(key: string): void;
  /** Every key, in file order. */
  keys(): string[];
  /**
   * True once after the file was found unreadable (malformed JSON, schema violation) and replaced
   * by an empty one: the store reports that as a loss since which accounts it held is unknown.
   */
  takeDiscarded(): boolean;
}

/** Options of {@link openCiphertextFile}. */
export interface CiphertextFileOptions {
  /** The app's data folder (Electron: `app.getPath('userData')`). */
  dir: string;
  /** File name without extension; default 'secrets'. */
  name?: string;
  log: Logger;
}

const BASE64 = '^[A-Za-z0-9+/]*={0,2}$';
const BASE64_RE = new RegExp(BASE64);

// conf signals a damaged file with a SyntaxError (bad JSON) or an Error whose message starts like
// this (schema violation). Anything else (EACCES, EISDIR) is not ours to "repair" by deleting.
function isDamage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'SyntaxError' || error.message.startsWith('Config schema violation');
}

/** Opens (without creating) the ciphertext file `<dir>/<name>.json`; throws if it cannot be read. */
export function openCiphertextFile(options: CiphertextFileOptions): CiphertextFile {
  const name = options.name ?? 'secrets';
  const location = path.join(options.dir, `${name}.json`);
  const log = options.log;
  let discarded = false;

  const construct = () =>
    new Conf<Record<string, string>>({
      cwd: options.dir,
      configName: name,
      configFileMode: 0o600,
      // Keys contain '.' and '%'; they are opaque, never paths into nested objects.
      accessPropertiesByDotNotation: false,
      // We clear a damaged file ourselves so the loss is reported instead of passing silently.
      clearInvalidConfig: false,
      schema: {},
      rootSchema: { additionalProperties: { type: 'string', pattern: BASE64 } },
    });

  const discard = (error: unknown) => {
    // Nothing in a damaged file can be decrypted reliably, and keeping it would fail every read.
    fs.rmSync(location, { force: true });
    discarded = true;
    log.warn('secrets file was unreadable; started a new one', {
      file: location,
      ...errorFields(error),
    });
  };

  let conf: Conf<Record<string, string>>;
  try {
    conf = construct();
  } catch (error) {
    if (!isDamage(error)) throw error;
    discard(error);
    conf = construct();
  }

  // conf re-reads the file on every access, so damage done while we run is found here as well.
  function withConf<T>(action: (store: Conf<Record<string, string>>) => T): T {
    try {
      return action(conf);
    } catch (error) {
      if (!isDamage(error)) throw error;
      discard(error);
      conf = construct();
      return action(conf);
    }
  }

  return {
    location,
    get: (key) => withConf((store) => store.get(key)),
    set(key, ciphertext) {
      // Checked here so a bad value can never look like a damaged file and get it discarded.
      if (!BASE64_RE.test(ciphertext)) throw new TypeError('Ciphertext must be base64.');
      withConf((store) => store.set(key, ciphertext));
    },
    delete: (key) => withConf((store) => store.delete(key)),
    keys: () => withConf((store) => Object.keys(store.store)),
    takeDiscarded() {
      const was = discarded;
      discarded = false;
      return was;
    },
  };
}
