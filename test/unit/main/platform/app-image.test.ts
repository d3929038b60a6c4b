import { describe, expect, it } from 'vitest';
import { runningAppImage } from '../../../../main/platform/app-image.ts';

describe('runningAppImage', () => {
  const env = { APPIMAGE: '/home/u/Tracker.AppImage', APPDIR: '/tmp/.mount_tr1' };

  it('is the image file when the executable runs from its mount', () => {
    expect(runningAppImage(env, '/tmp/.mount_tr1/tracker-desktop')).toBe(
      '/home/u/Tracker.AppImage',
    );
  });

  it('is null outside an AppImage and for variables inherited from another one', () => {
    expect(runningAppImage({}, '/opt/app/tracker-desktop')).toBeNull();
    expect(runningAppImage(env, '/opt/Tracker Desktop/tracker-desktop')).toBeNull();
    expect(runningAppImage(env, '/tmp/.mount_tr10/tracker-desktop')).toBeNull();
    expect(runningAppImage({ APPIMAGE: env.APPIMAGE }, '/tmp/.mount_tr1/x')).toBeNull();
    expect(runningAppImage({ ...env, APPDIR: 'relative' }, 'relative/x')).toBeNull();
    expect(runningAppImage(env, '/tmp/.mount_tr1')).toBeNull();
  });
});
