// The Salesforce API emulator for one test file, on port 0, closed after the file's tests
// (also when they fail).
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions } from '../../src/emulator/options.js';

export function useEmulator(options: EmulatorOptions = {}): { readonly current: RunningEmulator } {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo', ...options, port: 0 });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return {
    get current() {
      if (!emulator) throw new Error('the emulator is only available inside tests');
      return emulator;
    },
  };
}
