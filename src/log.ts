// The process logger: structured JSON lines (pino). Components take child loggers.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = process.env.PGFORCE_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'pgforce' } });
}
