import type { UserSettings } from '../../../../preload/contract.ts';
import type { SettingsSaver } from '../../lib/state/settings-save.svelte.ts';

/** What every settings section that edits the settings gets from the settings screen. */
export interface SettingsSectionProps {
  /** The settings as shown. */
  value: UserSettings;
  /** Saves the changes. */
  saver: SettingsSaver;
}
