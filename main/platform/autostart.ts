/**
 * Start at login on Linux: an XDG autostart entry ($XDG_CONFIG_HOME/autostart/*.desktop) that
 * launches the app with `--hidden`. Plain Node: no electron import.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runningAppImage } from './app-image.ts';

/** The argument a login launch carries; the window then starts hidden. */
export const HIDDEN_ARG = '--hidden';
/** File name of the autostart entry. */
export const AUTOSTART_FILE = 'tracker-desktop.desktop';

/** The environment fields the autostart entry depends on. */
export interface AutostartEnv {
  readonly XDG_CONFIG_HOME?: string | undefined;
  readonly APPIMAGE?: string | undefined;
  readonly APPDIR?: string | undefined;
  readonly HOME?: string | undefined;
}

/** Where the entry lives: $XDG_CONFIG_HOME/autostart, by default ~/.config/autostart. */
export function autostartPath(env: AutostartEnv): string {
  const configured = env.XDG_CONFIG_HOME;
  const base =
    configured && path.isAbsolute(configured)
      ? configured
      : path.join(env.HOME ?? os.homedir(), '.config');
  return path.join(base, 'autostart', AUTOSTART_FILE);
}

/** Quotes an Exec argument per the Desktop Entry spec when it needs quoting. */
export function quoteExecArg(arg: string): string {
  if (!/[\s"'`$\\<>~|&;*?#()]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/**
 * The entry's text. An AppImage is started through its image file ($APPIMAGE), since
 * process.execPath points into a mount that disappears when the app exits; an APPIMAGE inherited
 * from another AppImage is not ours and is ignored (see app-image.ts).
 */
export function autostartEntry(options: {
  readonly name: string;
  readonly execPath: string;
  readonly env: AutostartEnv;
}): string {
  const executable = runningAppImage(options.env, options.execPath) ?? options.execPath;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${options.name.replace(/[\r\n]/g, ' ')}`,
    `Exec=${quoteExecArg(executable)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes (enabled) or removes (disabled) the autostart entry; removing a missing one is fine. */
export async function setXdgAutostart(
  enabled: boolean,
  options: { readonly name: string; readonly execPath: string; readonly env: AutostartEnv },
): Promise<void> {
  const file = autostartPath(options.env);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, autostartEntry(options), { encoding: 'utf8', mode: 0o644 });
}
