// Reading the config file once per run, before the handler: the failure (a broken file) is kept and
// raised only when the configuration is first needed, so argument errors still come first.
import { configPath, readConfigFile, type ConfigFile } from './file.js';

/** The config file as a run sees it. */
export interface LoadedConfig {
  path: string;
  file?: ConfigFile;
  error?: unknown;
}

/** Reads the config file named by the environment; none there: no file, nothing else loaded. */
export async function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
): Promise<LoadedConfig> {
  const path = configPath(env);
  try {
    const file = await readConfigFile(path);
    return file ? { path, file } : { path };
  } catch (error) {
    return { path, error };
  }
}
