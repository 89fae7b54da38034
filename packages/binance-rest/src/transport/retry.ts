// When and how long to wait before sending a request again. Only idempotent requests are retried, and
// only after a network error, a timeout or a 5xx (whose outcome Binance calls unknown); never after a
// 4xx, which would fail the same way again (429 and 418 are handled by the rate limiter instead).

/** How failed idempotent requests are retried. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  readonly retries?: number;
  /** Backoff before the first retry, doubled for each further one. Default 250 ms. */
  readonly baseDelayMs?: number;
  /** Upper bound on one backoff. Default 5000 ms. */
  readonly maxDelayMs?: number;
}

export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 250, maxDelayMs: 5_000 };
export const NO_RETRY: RetryPolicy = { retries: 0, baseDelayMs: 0, maxDelayMs: 0 };

export function retryPolicy(
  options: RetryOptions | false | undefined,
  fallback: RetryPolicy,
  invalid: (parameter: string, value: unknown, allowed: string) => never,
): RetryPolicy {
  if (options === undefined) return fallback;
  if (options === false) return NO_RETRY;
  if (typeof options !== 'object' || options === null) {
    invalid('retry', options, 'false, or an object { retries, baseDelayMs, maxDelayMs }');
  }
  const policy = { ...fallback, ...options };
  if (!Number.isSafeInteger(policy.retries) || policy.retries < 0 || policy.retries > 10) {
    invalid('retry.retries', policy.retries, 'an integer from 0 to 10');
  }
  for (const key of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (typeof policy[key] !== 'number' || !(policy[key] >= 0) || !Number.isFinite(policy[key])) {
      invalid(`retry.${key}`, policy[key], 'a non-negative number of milliseconds');
    }
  }
  return policy;
}

/**
 * Backoff before retry number `attempt` (1-based): exponential, capped, with "equal jitter" (half fixed,
 * half random), so that many clients failing together do not come back together.
 */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return cap / 2 + random() * (cap / 2);
}
