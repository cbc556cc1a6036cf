// The process logger: structured JSON lines (pino). Components take child loggers.
import { pino, type Logger } from 'pino';
import { logLevelFromEnv } from './config.js';

export type { Logger };

/** `PGFORCE_LOG_LEVEL` wins over the command's default level. */
export function createLogger(defaultLevel = 'info'): Logger {
  return pino({ level: logLevelFromEnv() ?? defaultLevel, base: { app: 'pgforce' } });
}
