// Trade and order ids beyond 2^53, on request (`idOffset`). Internally every id stays a small safe
// integer; only what crosses the wire is shifted: ids written in responses and events get the offset
// added (and are printed as exact JSON integers, which `JSON.stringify` cannot do with a bigint), ids
// read from requests get it subtracted. A client then sees ids such as 9007199254740993 and must keep
// them exact end to end, as on the real exchange, whose ids are 64-bit.

/** Keys that hold trade ids or order ids in REST responses (and WebSocket API results). */
const REST_KEYS = new Set([
  'id', // trades, historicalTrades, historicalBlockTrades, myTrades
  'tradeId', // fills
  'firstId', // tickers
  'lastId',
  'f', // aggTrades: first and last trade id
  'l',
  'orderId',
  'takerOrderId',
  'makerOrderId',
]);

/** Event fields holding trade or order ids, by event type (`e`); kline ids are inside `k`. */
const EVENT_KEYS: Readonly<Record<string, readonly string[]>> = {
  trade: ['t'],
  aggTrade: ['f', 'l'],
  blockTrade: ['t'],
  '24hrTicker': ['F', 'L'],
  '1hTicker': ['F', 'L'],
  '4hTicker': ['F', 'L'],
  '1dTicker': ['F', 'L'],
  executionReport: ['i', 't', 'U'],
};

// A marker string for a shifted id: `JSON.stringify` writes it as "\u0000#<digits>", which the
// serializer then replaces with the bare digits. No string a client can send holds a NUL character.
const MARK = '\u0000#';
const MARKED = /"\\u0000#(\d+)"/g;

export class IdCodec {
  readonly offset: bigint;

  constructor(offset: bigint | number = 0n) {
    const value = typeof offset === 'bigint' ? offset : BigInt(offset);
    if (value < 0n || value > 2n ** 62n) {
      throw new RangeError(`startSimulator: option 'idOffset' must be from 0 to 2^62, got ${value}`);
    }
    this.offset = value;
  }

  get active(): boolean {
    return this.offset !== 0n;
  }

  /** An id as sent: a number while the offset is 0, else a marker the serializer prints exactly. */
  private out(id: number): unknown {
    return id < 0 ? id : `${MARK}${BigInt(id) + this.offset}`;
  }

  /**
   * An id received in a request (`null` when it is not a plain integer): the internal id, or -1 when it
   * lies below the offset (no trade or order has it).
   */
  in(text: string): number | null {
    if (!/^[0-9]{1,20}$/.test(text)) return null;
    const internal = BigInt(text) - this.offset;
    if (internal < 0n) return -1;
    return internal <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(internal) : null;
  }

  /** JSON of a REST response (or a WebSocket API result) with its trade and order ids shifted. */
  restJson(value: unknown): string {
    if (!this.active) return JSON.stringify(value);
    return this.finish(
      JSON.stringify(value, (key, v: unknown) =>
        typeof v === 'number' && REST_KEYS.has(key) && Number.isInteger(v) ? this.out(v) : v,
      ),
    );
  }

  /** JSON of a stream or user-data event (or an array of them) with its trade and order ids shifted. */
  eventJson(value: unknown): string {
    if (!this.active) return JSON.stringify(value);
    return this.finish(JSON.stringify(this.shiftEvent(value)));
  }

  private shiftEvent(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.shiftEvent(v));
    if (value === null || typeof value !== 'object') return value;
    const event = value as Record<string, unknown>;
    const type = event.e;
    if (typeof type !== 'string') return value;
    const out: Record<string, unknown> = { ...event };
    for (const key of EVENT_KEYS[type] ?? []) {
      const v = out[key];
      if (typeof v === 'number') out[key] = this.out(v);
    }
    if (type === 'kline' && out.k && typeof out.k === 'object') {
      const k = { ...(out.k as Record<string, unknown>) };
      for (const key of ['f', 'L']) if (typeof k[key] === 'number') k[key] = this.out(k[key] as number);
      out.k = k;
    }
    if (type === 'listStatus' && Array.isArray(out.O)) {
      out.O = (out.O as Array<Record<string, unknown>>).map((o) =>
        typeof o.i === 'number' ? { ...o, i: this.out(o.i) } : o,
      );
    }
    return out;
  }

  private finish(json: string): string {
    return json.includes('\\u0000#') ? json.replace(MARKED, '$1') : json;
  }
}

/** Integer literals of 16 digits or more in a JSON request become strings, so none is rounded. */
export function quoteLongIntegers(text: string): string {
  return text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"');
}
