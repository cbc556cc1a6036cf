// `pgforce sync [--once] [--config FILE]`: the mirror sync alone, against the org and the
// Postgres named by the configuration (DESIGN.md's environment variables or a file).
import { parseArgs } from 'node:util';
import { untilSignal } from './signals.js';
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { SalesforceClient } from '../salesforce/index.js';
import { MirrorSync } from '../sync/mirror-sync.js';

export async function runSyncCommand(args: string[]): Promise<number> {
  let once = false;
  let config: Config;
  try {
    const { values } = parseArgs({ args, strict: true, options: { once: { type: 'boolean' }, config: { type: 'string' } } });
    once = values.once ?? false;
    config = loadConfig(values.config ? { file: values.config } : {});
  } catch (error) {
    process.stderr.write(`pgforce sync: ${(error as Error).message}\n`);
    return 2;
  }
  const log = createLogger().child({ component: 'sync' });
  const client = await salesforceClient(config, log);
  const sync = new MirrorSync({ databaseUrl: config.databaseUrl, settings: config.sync, source: client, log });
  try {
    if (once) {
      await sync.runOnce();
      log.info('sync pass complete');
      return 0;
    }
    sync.start();
    await untilSignal();
    await sync.stop();
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(`pgforce sync: ${error.message}\n`);
    else log.error({ err: error }, 'sync failed');
    return 1;
  } finally {
    client.close();
  }
}

export async function salesforceClient(config: Config, log: Logger): Promise<SalesforceClient> {
  const sf = config.salesforce;
  const privateKey = sf.privateKeyFile ? await readFile(sf.privateKeyFile, 'utf8') : undefined;
  return new SalesforceClient(
    {
      loginUrl: sf.loginUrl,
      clientId: sf.clientId,
      apiVersion: sf.apiVersion,
      ...(sf.clientSecret !== undefined && { clientSecret: sf.clientSecret }),
      ...(sf.username !== undefined && { username: sf.username }),
      ...(sf.password !== undefined && { password: sf.password }),
      ...(sf.refreshToken !== undefined && { refreshToken: sf.refreshToken }),
      ...(privateKey !== undefined && { privateKey }),
    },
    { logger: log.child({ component: 'salesforce' }) },
  );
}
