// `pgforce demo` (what `npm start` runs): everything on this machine, nothing to set up. An
// embedded Postgres, the Salesforce API emulator with the demo org, the sync filling the
// mirror, and the proxy on postgres://demo:demo@127.0.0.1:7432/demo, until Ctrl-C.
import { parseArgs } from 'node:util';
import { loadConfig, loadProxySettings, type ProxySettings } from '../config.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { DEMO_CLIENT } from '../emulator/http/oauth.js';
import { DEMO_USERS } from '../emulator/org.js';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../embedded/postgres.js';
import { DEMO_DATABASE, DEMO_PROXY_USER, createDemoDatabase } from '../embedded/demo-database.js';
import { createLogger, type Logger } from '../log.js';
import { MirrorSync } from '../sync/mirror-sync.js';
import { DEFAULT_EMULATOR_PORT } from './emulator.js';
import { startProxyService, type ProxyService } from './proxy-service.js';
import { untilSignal } from './signals.js';
import { salesforceClient } from './sync.js';

interface DemoArgs {
  proxy: ProxySettings;
  emulatorPort: number;
}

export async function runDemoCommand(args: string[]): Promise<number> {
  let demo: DemoArgs;
  try {
    demo = demoArgs(args);
  } catch (error) {
    process.stderr.write(`pgforce demo: ${(error as Error).message}\n`);
    return 2;
  }
  // Logs would drown the instructions: warnings and errors only, unless PGFORCE_LOG_LEVEL says otherwise.
  const log = createLogger('warn');
  const stack: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    // Ctrl-C in a terminal also reaches Postgres (same process group), which then ends every
    // connection at once: the errors that follow are expected, not worth a screen of JSON.
    log.level = 'silent';
    for (const close of stack.reverse()) {
      await close().catch((e: unknown) => process.stderr.write(`pgforce demo: while stopping: ${(e as Error).message}\n`));
    }
  };
  try {
    process.stdout.write('pgforce demo: starting Postgres, the Salesforce emulator, the sync and the proxy…\n');
    const [cluster, emulator] = await Promise.all([startEmbeddedPostgres(), startEmulator({ port: demo.emulatorPort, seed: 'demo' })]);
    stack.push(() => cluster.stop(), () => emulator.close());
    const service = await startDemo(cluster, emulator, demo, log, stack);
    process.stdout.write(instructions(service.proxy.port, demo.proxy.host, emulator.url));
  } catch (error) {
    process.stderr.write(`pgforce demo: could not start: ${(error as Error).message}\n`);
    await stop();
    return 1;
  }
  await untilSignal();
  process.stdout.write('\npgforce demo: stopping…\n');
  await stop();
  return 0;
}

/** The database, the mirror's first pass, then the proxy; each step registers its shutdown on `stack`. */
async function startDemo(cluster: EmbeddedCluster, emulator: RunningEmulator, demo: DemoArgs, log: Logger, stack: Array<() => Promise<void>>): Promise<ProxyService> {
  const database = await createDemoDatabase(cluster.url);
  const config = loadConfig({
    env: {
      DATABASE_URL: database.mirrorUrl,
      SALESFORCE_URL: emulator.url,
      SALESFORCE_CLIENT_ID: DEMO_CLIENT.id,
      SALESFORCE_CLIENT_SECRET: DEMO_CLIENT.secret,
      SALESFORCE_USERNAME: DEMO_USERS[0].username,
      SALESFORCE_PASSWORD: DEMO_USERS[0].password,
    },
  });
  const client = await salesforceClient(config, log);
  stack.push(async () => client.close());
  const sync = new MirrorSync({ databaseUrl: config.databaseUrl, settings: config.sync, source: client, log: log.child({ component: 'sync' }) });
  const backfilled = new Promise<void>((resolve, reject) => {
    sync.once('backfilled', resolve);
    sync.once('failure', reject);
  });
  sync.start();
  stack.push(() => sync.stop());
  await backfilled;
  const service = await startProxyService({
    settings: { ...demo.proxy, upstreamUrl: database.clientUrl, database: DEMO_DATABASE },
    databaseUrl: database.mirrorUrl,
    logger: log,
    salesforce: client,
  });
  stack.push(() => service.close());
  return service;
}

function demoArgs(args: string[]): DemoArgs {
  const { values } = parseArgs({ args, strict: true, options: { port: { type: 'string' }, 'emulator-port': { type: 'string' } } });
  const proxy = loadProxySettings();
  return {
    proxy: values.port === undefined ? proxy : { ...proxy, port: port(values.port, '--port') },
    emulatorPort: values['emulator-port'] === undefined ? DEFAULT_EMULATOR_PORT : port(values['emulator-port'], '--emulator-port'),
  };
}

function port(raw: string, flag: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65535) throw new Error(`${flag} must be a port number (0 to 65535), got '${raw}'`);
  return n;
}

function instructions(port: number, host: string, emulatorUrl: string): string {
  const url = `postgres://${DEMO_PROXY_USER.name}:${DEMO_PROXY_USER.password}@${host}:${port}/${DEMO_DATABASE}`;
  return [
    '',
    'pgforce demo is ready. Connect with any Postgres client:',
    '',
    `  psql ${url}`,
    '',
    'and try:',
    '',
    '  select first_name, last_name, email from salesforce.contacts order by last_name limit 5;',
    '  select a.name, count(*) as contacts from salesforce.accounts a',
    '    join salesforce.contacts c on c.account_id = a.id group by a.name order by 2 desc limit 5;',
    '  \\d salesforce.opportunities',
    '',
    'Writes go to Salesforce first, then to the mirror:',
    '',
    "  insert into salesforce.contacts (first_name, last_name, email) values ('Paul', 'Atreides', 'paul.atreides@caladan.io');",
    "  update salesforce.contacts set email = 'paul@dune.co', note = 'Moved to Dune' where email = 'paul.atreides@caladan.io';",
    "  update salesforce.contacts set email = 'pauldune.co' where email = 'paul@dune.co';   -- rejected by Salesforce",
    "  delete from salesforce.contacts where email = 'paul@dune.co';",
    '',
    `The Salesforce emulator behind it: ${emulatorUrl} (OAuth client ${DEMO_CLIENT.id}/${DEMO_CLIENT.secret},`,
    `user ${DEMO_USERS[0].username}/${DEMO_USERS[0].password}). A change made there reaches the mirror within a second or two.`,
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}
