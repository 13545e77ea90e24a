/**
 * Changes settings of the handlers running in this process (the local cloud's): sets or, for
 * `undefined`, removes each environment variable, then has the next read parse them again.
 */
import { reloadSettings, type SettingName } from '#shared/config/settings';

export function changeSettings(values: Partial<Record<SettingName, string | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadSettings();
}
