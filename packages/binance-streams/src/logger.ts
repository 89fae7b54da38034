// Structured log events. The client never puts a key, secret or signature in one.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEvent {
  level: LogLevel;
  /** A stable event name, e.g. 'connection.open', 'subscribe.error', 'book.resync'. */
  event: string;
  /** Details: connection id, URL, stream names, counts, reasons. */
  [key: string]: unknown;
}

/** Receives the client's log events; the default drops them. */
export type Logger = (event: LogEvent) => void;

export const silentLogger: Logger = () => {};
