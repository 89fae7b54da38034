// Faults armed by tests: the next N REST responses (optionally only for one path) are delayed,
// answered with a 5xx (or a 429, or a WAF's 403), cut short, or the connection is dropped (before an
// answer, or in the middle of its body).

/**
 * What happens to a matching REST request: `delay` it; answer with an `error` status; `truncate` the
 * JSON body (a complete HTTP response); `reset` the connection without an answer; `rateLimit` it (429,
 * Binance's -1003, `Retry-After` only if given); `waf`: a web application firewall's 403 HTML page;
 * `cut` the connection in the middle of the response body (after processing).
 */
export type RestFaultKind = 'delay' | 'error' | 'truncate' | 'reset' | 'rateLimit' | 'waf' | 'cut';

export interface RestFaultOptions {
  kind: RestFaultKind;
  /** How many matching responses are affected (default 1). */
  count?: number;
  /** Only requests whose path equals this string (e.g. '/api/v3/depth') or matches this RegExp. */
  path?: string | RegExp;
  /** Only requests with this HTTP method (e.g. 'POST'). */
  method?: string;
  /**
   * For 'error' and 'reset': the request is processed first (an order is placed, a cancel happens)
   * and only its answer is replaced by the error or lost with the connection — "execution status
   * unknown" as the docs put it. Default false: the request never reaches the endpoint.
   */
  afterProcessing?: boolean;
  /** For 'delay': how long to wait before answering normally (default 1000 ms). */
  delayMs?: number;
  /** For 'error': the HTTP status (default 503). */
  status?: number;
  /** For 'error': the JSON body (default Binance's -1001 "Internal error" payload). */
  body?: unknown;
  /** For 'rateLimit': the `Retry-After` header in seconds; without it the 429 has no `Retry-After`. */
  retryAfter?: number;
}

export interface ArmedRestFault {
  readonly kind: RestFaultKind;
  remaining: number;
  readonly path: string | RegExp | undefined;
  readonly method: string | undefined;
  readonly afterProcessing: boolean;
  readonly delayMs: number;
  readonly status: number;
  readonly body: unknown;
  readonly retryAfter: number | undefined;
}

export class RestFaults {
  private armed: ArmedRestFault[] = [];

  add(options: RestFaultOptions): void {
    const count = options.count ?? 1;
    const kinds: readonly RestFaultKind[] = [
      'delay',
      'error',
      'truncate',
      'reset',
      'rateLimit',
      'waf',
      'cut',
    ];
    if (!kinds.includes(options.kind)) {
      throw new RangeError(`fault kind must be one of ${kinds.join(', ')}, got '${String(options.kind)}'`);
    }
    if (
      options.retryAfter !== undefined &&
      !(Number.isInteger(options.retryAfter) && options.retryAfter >= 0)
    ) {
      throw new RangeError(`retryAfter must be a non-negative integer of seconds, got ${options.retryAfter}`);
    }
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`fault count must be a positive integer, got ${count}`);
    this.armed.push({
      kind: options.kind,
      remaining: count,
      path: options.path,
      method: options.method?.toUpperCase(),
      afterProcessing: options.afterProcessing ?? false,
      delayMs: options.delayMs ?? 1000,
      status: options.status ?? 503,
      body: options.body ?? {
        code: -1001,
        msg: 'Internal error; unable to process your request. Please try again.',
      },
      retryAfter: options.retryAfter,
    });
  }

  /** Takes one use of the first fault matching `method` and `path`, if any. */
  take(path: string, method = 'GET'): ArmedRestFault | undefined {
    const fault = this.armed.find(
      (f) => matches(f.path, path) && (f.method === undefined || f.method === method),
    );
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

/** Faults on order placement, over REST and the WebSocket API alike. */
export class PlacementFaults {
  private armed: Array<{ when: 'before' | 'after'; remaining: number }> = [];

  add(when: 'before' | 'after', count: number): void {
    if (when !== 'before' && when !== 'after') {
      throw new RangeError(`dropOrderPlacements: 'when' must be 'before' or 'after', got '${String(when)}'`);
    }
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`dropOrderPlacements: count must be a positive integer, got ${count}`);
    }
    this.armed.push({ when, remaining: count });
  }

  /** Takes one use of the first armed fault. */
  take(): 'before' | 'after' | null {
    const fault = this.armed[0];
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.armed.shift();
    return fault.when;
  }

  clear(): void {
    this.armed = [];
  }
}
