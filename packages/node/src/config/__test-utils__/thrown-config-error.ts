import { ConfigError } from '../config-error.js';

/** The ConfigError `run` throws; fails the test when it throws something else or nothing. */
export function thrownConfigError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
