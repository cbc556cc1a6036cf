// The local Salesforce API emulator: start it from tests or from `pgforce emulator`.
export type { EmulatorOptions, Faults } from './options.js';
export { startEmulator, type RunningEmulator } from './emulator.js';
