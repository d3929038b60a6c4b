/**
 * Whether this process runs from an AppImage. The AppImage runtime sets APPIMAGE (the image file)
 * and APPDIR (where it is mounted), but both are inherited by every child process, so a deb install
 * started from a terminal inside another AppImage sees them too. Only an executable inside APPDIR
 * is really ours.
 */
import path from 'node:path';

/** The environment variables the AppImage runtime sets. */
export interface AppImageEnv {
  readonly APPIMAGE?: string | undefined;
  readonly APPDIR?: string | undefined;
}

/** The image file this process was started from, or null when it is not an AppImage. */
export function runningAppImage(env: AppImageEnv, execPath: string): string | null {
  const { APPIMAGE: image, APPDIR: mount } = env;
  if (!image || !mount || !path.isAbsolute(image) || !path.isAbsolute(mount)) return null;
  const relative = path.relative(path.resolve(mount), path.resolve(execPath));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? image : null;
}
