// `pgforce emulator`: the Salesforce API emulator in the foreground until Ctrl-C.
import { parseArgs } from 'node:util';
import { untilSignal } from './signals.js';
import { readFile } from 'node:fs/promises';
import { startEmulator } from '../emulator/index.js';
import type { EmulatorOptions, Faults } from '../emulator/options.js';
import { createLogger } from '../log.js';
import { DEMO_CLIENT } from '../emulator/http/oauth.js';
import { DEMO_USERS } from '../emulator/org.js';

/** The demo's emulator port (DESIGN.md). */
export const DEFAULT_EMULATOR_PORT = 7480;

export async function runEmulatorCommand(args: string[]): Promise<number> {
  const log = createLogger().child({ component: 'emulator' });
  let options: EmulatorOptions;
  try {
    options = await emulatorOptions(args);
  } catch (error) {
    process.stderr.write(`pgforce emulator: ${(error as Error).message}\n`);
    return 2;
  }
  const emulator = await startEmulator(options);
  log.info(
    { url: emulator.url, seed: options.seed, dataDir: options.dataDir },
    `Salesforce API emulator listening on ${emulator.url} — OAuth client ${DEMO_CLIENT.id}/${DEMO_CLIENT.secret}, user ${DEMO_USERS[0].username}/${DEMO_USERS[0].password}`,
  );
  await untilSignal();
  await emulator.close();
  log.info('emulator stopped');
  return 0;
}

async function emulatorOptions(args: string[]): Promise<EmulatorOptions> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      schema: { type: 'string' },
      data: { type: 'string' },
      'token-lifetime': { type: 'string' },
      'daily-api-limit': { type: 'string' },
      'jwt-public-key': { type: 'string' },
      faults: { type: 'string' },
    },
  });
  const options: EmulatorOptions = {
    port: integer(values.port ?? String(DEFAULT_EMULATOR_PORT), '--port', 0, 65535),
    host: values.host ?? '127.0.0.1',
    seed: values.seed ?? 'demo',
  };
  if (values.schema) options.schemaFile = values.schema;
  if (values.data) options.dataDir = values.data;
  if (values['token-lifetime']) options.tokenLifetimeSeconds = integer(values['token-lifetime'], '--token-lifetime', 1, 10 ** 7);
  if (values['daily-api-limit']) options.dailyApiLimit = integer(values['daily-api-limit'], '--daily-api-limit', 0, 10 ** 12);
  if (values['jwt-public-key']) options.jwtPublicKey = await readFile(values['jwt-public-key'], 'utf8');
  if (values.faults) {
    try {
      options.faults = JSON.parse(values.faults) as Partial<Faults>;
    } catch {
      throw new Error(`--faults must be a JSON object, e.g. '{"latencyMs": 50}'`);
    }
  }
  return options;
}

function integer(raw: string, name: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
  return n;
}
