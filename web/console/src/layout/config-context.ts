/** The stage's runtime config (config.json) for any component that needs it. */
import { createContext, useContext } from 'react';
import type { ConsoleConfig } from '../config';

export const ConfigContext = createContext<ConsoleConfig | undefined>(undefined);

export function useConfig(): ConsoleConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useConfig outside ConfigContext');
  return config;
}
