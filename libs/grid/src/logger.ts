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
