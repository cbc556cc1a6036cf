// `pgforce start [--config FILE]`: the sync and the proxy together, against the org and the
// Postgres named by the configuration, until SIGINT/SIGTERM. Several processes may run at
// once (behind a TCP load balancer): each serves clients, one of them leads the sync.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger } from '../log.js';
import { MirrorSync } from '../sync/mirror-sync.js';
import { startProxyService } from './proxy-service.js';
import { salesforceClient } from './sync.js';
import { untilSignal } from './signals.js';

export async function runStartCommand(args: string[]): Promise<number> {
  let config: Config;
  try {
    const { values } = parseArgs({ args, strict: true, options: { config: { type: 'string' } } });
    config = loadConfig(values.config ? { file: values.config } : {});
  } catch (error) {
    process.stderr.write(`pgforce start: ${(error as Error).message}\n`);
    return 2;
  }
  const log = createLogger();
  const client = await salesforceClient(config, log);
  const sync = new MirrorSync({ databaseUrl: config.databaseUrl, settings: config.sync, source: client, log: log.child({ component: 'sync' }) });
  let service;
  try {
    service = await startProxyService({ settings: config.proxy, databaseUrl: config.databaseUrl, logger: log, salesforce: client });
  } catch (error) {
    client.close();
    if (error instanceof ConfigError) process.stderr.write(`pgforce start: ${error.message}\n`);
    else log.error({ err: error }, 'the proxy could not start');
    return 1;
  }
  sync.start();
  log.info({ port: service.proxy.port }, `pgforce listening on ${config.proxy.host}:${service.proxy.port}`);
  await untilSignal();
  await service.close();
  await sync.stop();
  client.close();
  return 0;
}
