// The `pgforce` command: picks the subcommand and hands it its arguments. Each command
// lives in its own file; this one only dispatches.
import { runEmulatorCommand } from './emulator.js';
import { runDemoCommand } from './demo.js';
import { runStartCommand } from './start.js';
import { runSyncCommand } from './sync.js';
import { runUsersCommand } from './users.js';

const USAGE = `usage: pgforce <command> [options]

commands:
  demo       the zero-setup demo: embedded Postgres, the emulator with the demo org, the sync
             and the proxy on postgres://demo:demo@127.0.0.1:7432/demo
             [--port N] (default 7432, or PGFORCE_PORT) [--emulator-port N] (default 7480)
  start      the sync and the proxy against your org and Postgres (DATABASE_URL, SALESFORCE_*,
             PGFORCE_* variables; docs/configuration.md) [--config FILE]
  emulator   run the local Salesforce API emulator
             [--port N] [--host H] [--seed demo|none|FILE|generate:contacts=N,...]
             [--schema FILE] [--data DIR] [--token-lifetime SECONDS]
             [--daily-api-limit N] [--jwt-public-key FILE] [--faults JSON]
  sync       keep the Postgres mirror of the org fresh (DATABASE_URL, SALESFORCE_* variables)
             [--once] [--config FILE]
  users      manage the proxy's users, stored in the database (DATABASE_URL or PG* variables)
             add NAME [--read-only] [--md5] [--password-stdin]   (else PGFORCE_USER_PASSWORD or a prompt)
             remove NAME | list
  help       show this text
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'demo':
      return runDemoCommand(rest);
    case 'emulator':
      return runEmulatorCommand(rest);
    case 'start':
      return runStartCommand(rest);
    case 'sync':
      return runSyncCommand(rest);
    case 'users':
      return runUsersCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`pgforce: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}
