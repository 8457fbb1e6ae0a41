import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs, one line per event, so operators can ship them anywhere without parsing prose.
 * Every line names the service; request-scoped lines also carry `requestId`.
 */
export function createLogger(service: string): Logger {
  return pino({
    name: service,
    level: process.env['LOG_LEVEL'] ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // A log line must never carry a credential.
    redact: ['req.headers.authorization', 'headers.authorization'],
  });
}
