// One consumer of one stream: a bounded buffer read through an async iterator, or callbacks.

import { BufferOverflowError, ClosedError, InvalidParameterError, type StreamsError } from '../errors.js';

export type OverflowPolicy = 'drop-oldest' | 'drop-newest' | 'error';

export interface SubscribeOptions<E> {
  /** Events held for the async iterator before the overflow policy applies. Default 1000. */
  bufferSize?: number;
  /**
   * What happens when the buffer is full: drop the oldest buffered event (default), drop the new
   * one, or end the subscription with a BufferOverflowError. Dropped events are counted in `dropped`.
   */
  overflow?: OverflowPolicy;
  /** Push mode: called for every event (nothing is buffered, and the subscription is not iterable). */
  onEvent?: (event: E, raw: unknown) => void;
  /** Called once if the subscription fails (SUBSCRIBE refused, buffer overflow with policy 'error'). */
  onError?: (error: StreamsError) => void;
  /** Aborting it unsubscribes. */
  signal?: AbortSignal;
}

/** A live subscription to one stream. */
export interface Subscription<E> extends AsyncIterable<E> {
  /** The stream name, e.g. `btcusdt@trade`. */
  readonly stream: string;
  /** Resolves when the server confirmed the subscription; rejects with StreamRequestError if refused. */
  readonly ready: Promise<void>;
  /** Events dropped by the overflow policy so far. */
  readonly dropped: number;
  /** Events waiting in the buffer. */
  readonly buffered: number;
  /** Whether the subscription has ended (unsubscribed, failed, or the client closed). */
  readonly closed: boolean;
  /**
   * Takes up to `max` buffered events at once, oldest first, without waiting (for polling
   * consumers such as an MCP tool reading "what arrived since last time"). Not in push mode.
   */
  drain(max?: number): E[];
  /** Stops the stream for this subscriber and frees everything (UNSUBSCRIBE when nobody else needs it). */
  unsubscribe(): void;
}

const DEFAULT_BUFFER = 1000;

/** Internal side of a subscription: what the client calls. */
export class SubscriptionHandle<E> implements Subscription<E> {
  readonly ready: Promise<void>;
  dropped = 0;
  closed = false;
  private readonly capacity: number;
  private readonly policy: OverflowPolicy;
  private readonly onEvent: ((event: E, raw: unknown) => void) | undefined;
  private readonly onError: ((error: StreamsError) => void) | undefined;
  // A ring buffer: cheaper than Array#shift on a busy stream.
  private ring: Array<E | undefined>;
  private head = 0;
  private size = 0;
  private waiter: { resolve: (r: IteratorResult<E>) => void; reject: (e: unknown) => void } | null = null;
  private failure: StreamsError | null = null;
  private resolveReady!: () => void;
  private rejectReady!: (error: unknown) => void;
  private readonly abortListener: (() => void) | undefined;

  constructor(
    readonly stream: string,
    options: SubscribeOptions<E>,
    private readonly release: (sub: SubscriptionHandle<E>) => void,
  ) {
    const size = options.bufferSize ?? DEFAULT_BUFFER;
    if (!Number.isInteger(size) || size < 1) {
      throw new InvalidParameterError('bufferSize', size, 'a positive integer');
    }
    const policy = options.overflow ?? 'drop-oldest';
    if (policy !== 'drop-oldest' && policy !== 'drop-newest' && policy !== 'error') {
      throw new InvalidParameterError('overflow', policy, "'drop-oldest', 'drop-newest' or 'error'");
    }
    this.capacity = size;
    this.policy = policy;
    this.onEvent = options.onEvent;
    this.onError = options.onError;
    this.ring = new Array(Math.min(size, 64));
    this.ready = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Nobody has to await `ready`: a refused subscription also reaches the iterator and onError.
    this.ready.catch(() => {});
    if (options.signal) {
      if (options.signal.aborted) queueMicrotask(() => this.unsubscribe());
      else {
        this.abortListener = () => this.unsubscribe();
        options.signal.addEventListener('abort', this.abortListener, { once: true });
      }
    }
    this.signal = options.signal;
  }

  private readonly signal: AbortSignal | undefined;

  get buffered(): number {
    return this.size;
  }

  /** Called by the client for every event of the stream. */
  push(event: E, raw: unknown): void {
    if (this.closed) return;
    if (this.onEvent) {
      this.onEvent(event, raw);
      return;
    }
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.resolve({ value: event, done: false });
      return;
    }
    if (this.size === this.capacity) {
      this.dropped++;
      if (this.policy === 'drop-newest') return;
      if (this.policy === 'error') {
        this.fail(new BufferOverflowError(this.stream, this.capacity));
        return;
      }
      // drop-oldest
      this.ring[this.head] = undefined;
      this.head = (this.head + 1) % this.ring.length;
      this.size--;
    }
    if (this.size === this.ring.length) this.grow();
    this.ring[(this.head + this.size) % this.ring.length] = event;
    this.size++;
  }

  private grow(): void {
    const next = new Array<E | undefined>(Math.min(this.capacity, this.ring.length * 2));
    for (let i = 0; i < this.size; i++) next[i] = this.ring[(this.head + i) % this.ring.length];
    this.ring = next;
    this.head = 0;
  }

  drain(max = Number.POSITIVE_INFINITY): E[] {
    if (this.onEvent) {
      throw new TypeError(`Subscription to ${this.stream} delivers to onEvent; it has no buffer to drain`);
    }
    const count = Math.min(this.size, Math.max(0, Math.floor(max)));
    const out: E[] = new Array(count);
    for (let i = 0; i < count; i++) {
      out[i] = this.ring[this.head] as E;
      this.ring[this.head] = undefined;
      this.head = (this.head + 1) % this.ring.length;
    }
    this.size -= count;
    return out;
  }

  confirmed(): void {
    this.resolveReady();
  }

  /** Ends the subscription with an error (delivered after the buffered events). */
  fail(error: StreamsError): void {
    if (this.closed) return;
    this.failure = error;
    this.rejectReady(error);
    this.finish();
    this.onError?.(error);
    if (this.waiter && this.size === 0) {
      const w = this.waiter;
      this.waiter = null;
      w.reject(error);
    }
  }

  unsubscribe(): void {
    if (this.closed) return;
    this.rejectReady(
      new ClosedError(`Subscription to ${this.stream} was closed before the server confirmed it`),
    );
    this.finish();
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.resolve({ value: undefined, done: true });
    }
  }

  private finish(): void {
    this.closed = true;
    if (this.abortListener) this.signal?.removeEventListener('abort', this.abortListener);
    this.release(this);
  }

  [Symbol.asyncIterator](): AsyncIterator<E> {
    if (this.onEvent) {
      throw new TypeError(`Subscription to ${this.stream} delivers to onEvent; it cannot also be iterated`);
    }
    return {
      next: () => {
        if (this.size > 0) {
          const value = this.ring[this.head] as E;
          this.ring[this.head] = undefined;
          this.head = (this.head + 1) % this.ring.length;
          this.size--;
          return Promise.resolve({ value, done: false });
        }
        if (this.failure) return Promise.reject(this.failure);
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise<IteratorResult<E>>((resolve, reject) => {
          this.waiter = { resolve, reject };
        });
      },
      return: () => {
        this.unsubscribe();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
