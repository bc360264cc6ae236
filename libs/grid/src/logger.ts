export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** Default logger: warnings and errors to stderr, the rest dropped. */
export function consoleLogger(prefix = 'grid'): Logger {
  const write = (level: string, message: string, context?: Record<string, unknown>) =>
    console.error(`[${prefix}] ${level} ${message}${context ? ' ' + JSON.stringify(context) : ''}`);
  return {
    debug: () => {},
    info: () => {},
    warn: (message, context) => write('warn', message, context),
    error: (message, context) => write('error', message, context),
  };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Runs work nobody awaits; a failure is logged instead of becoming an unhandled rejection. */
export function inBackground(logger: Logger, what: string, work: Promise<unknown>): void {
  work.catch((error: unknown) => logger.error(`${what} failed`, { error: String(error) }));
}
