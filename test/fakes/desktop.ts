/**
 * A recording {@link DesktopShell} for unit tests: the same recorder the Node host uses, so a unit
 * test and a journey assert on the same shape (notices with `click()`, tray, badge, focus count).
 */
export {
  createDesktopRecorder as createFakeDesktop,
  type DesktopRecorder as FakeDesktop,
  type RecordedNotice,
} from '../harness/desktop-recorder.ts';
