// Runs the pgforce CLI from the TypeScript sources (for tests that need a real process to
// kill): `node --import tsx test/support/run-cli.ts sync --once`.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
