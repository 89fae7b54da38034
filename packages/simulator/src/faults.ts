// Faults armed by tests: the next N REST responses (optionally only for one path) are delayed,
// answered with a 5xx, cut short, or the connection is dropped.

/** What happens to a matching REST request. */
export type RestFaultKind = 'delay' | 'error' | 'truncate' | 'reset';

export interface RestFaultOptions {
  kind: RestFaultKind;
  /** How many matching responses are affected (default 1). */
  count?: number;
  /** Only requests whose path equals this string (e.g. '/api/v3/depth') or matches this RegExp. */
  path?: string | RegExp;
  /** For 'delay': how long to wait before answering normally (default 1000 ms). */
  delayMs?: number;
  /** For 'error': the HTTP status (default 503). */
  status?: number;
  /** For 'error': the JSON body (default Binance's -1001 "Internal error" payload). */
  body?: unknown;
}

export interface ArmedRestFault {
  readonly kind: RestFaultKind;
  remaining: number;
  readonly path: string | RegExp | undefined;
  readonly delayMs: number;
  readonly status: number;
  readonly body: unknown;
}

export class RestFaults {
  private armed: ArmedRestFault[] = [];

  add(options: RestFaultOptions): void {
    const count = options.count ?? 1;
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`fault count must be a positive integer, got ${count}`);
    this.armed.push({
      kind: options.kind,
      remaining: count,
      path: options.path,
      delayMs: options.delayMs ?? 1000,
      status: options.status ?? 503,
      body: options.body ?? {
        code: -1001,
        msg: 'Internal error; unable to process your request. Please try again.',
      },
    });
  }

  /** Takes one use of the first fault matching `path`, if any. */
  take(path: string): ArmedRestFault | undefined {
    const fault = this.armed.find((f) => matches(f.path, path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.armed = this.armed.filter((f) => f !== fault);
    return fault;
  }

  pending(): readonly ArmedRestFault[] {
    return this.armed;
  }

  clear(): void {
    this.armed = [];
  }
}

function matches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}
