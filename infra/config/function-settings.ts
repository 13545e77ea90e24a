/**
 * Each function's settings from a stage's values, as its topology entry declares them: CDK and the
 * local cloud both set them through here, and both refuse a stage that leaves a function without a
 * required setting (or gives one an invalid value) before anything is built or started.
 */
import { parseSettings, type SettingName, settingCatalog, settingNames } from '#shared/config/settings';
import type { Topology } from '../topology-types';
import type { StageSettings } from './stage-settings';

/** The environment variables a function gets: its declared settings that have a value. */
export function settingsOfFunction(
  topology: Topology,
  functionName: string,
  values: StageSettings,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of topology.functions[functionName]?.settings ?? []) {
    const value = values[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Every setting some function of the topology declares (the local cloud runs them all in one process). */
export function settingsOfTopology(topology: Topology): SettingName[] {
  const declared = new Set(Object.values(topology.functions).flatMap((fn) => fn.settings ?? []));
  return settingNames.filter((name) => declared.has(name));
}

/**
 * Throws, naming each function and setting, when a function declares a required setting that
 * `values` lacks (and `provided`, the settings the deployment sets itself, does not cover), or
 * when a value does not parse. `stage` says where the values come from, for the message.
 */
export function assertSettingsComplete(
  topology: Topology,
  values: StageSettings,
  options: { readonly stage: string; readonly provided?: readonly SettingName[] },
): void {
  const problems: string[] = [];
  for (const [name, fn] of Object.entries(topology.functions)) {
    for (const setting of fn.settings ?? []) {
      const missing = values[setting] === undefined || values[setting]?.trim() === '';
      if (settingCatalog[setting].required && missing && !options.provided?.includes(setting))
        problems.push(
          `function ${name} needs ${setting} (${settingCatalog[setting].description}), which stage ${options.stage} does not set`,
        );
    }
  }
  try {
    parseSettings(values);
  } catch (error) {
    problems.push(`stage ${options.stage}: ${(error as Error).message}`);
  }
  if (problems.length > 0) throw new Error(`Missing or invalid settings:\n- ${problems.join('\n- ')}`);
}
