// Stream events as short text: one CSV row per event, nested klines flattened, book sides shown as
// their best level and level count (the structured content keeps every level).

import { csv, isoTime } from '../render.js';

const TIME_FIELDS = new Set([
  'eventTime',
  'tradeTime',
  'openTime',
  'closeTime',
  'lastTradeTime',
  'timestamp',
]);

function flatten(event: unknown): Record<string, unknown> {
  if (Array.isArray(event)) return { items: event.length };
  if (typeof event !== 'object' || event === null) return { value: event };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'eventType' || key === 'seq') continue;
    if ((key === 'bids' || key === 'asks') && Array.isArray(value)) {
      const best = value[0] as [string, string] | undefined;
      out[key === 'bids' ? 'bestBid' : 'bestAsk'] = best ? `${best[0]}×${best[1]}` : '';
      out[`${key}Levels`] = value.length;
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(flatten(value))) if (!(k in out)) out[k] = v;
    } else {
      out[key] = TIME_FIELDS.has(key) && typeof value === 'number' ? isoTime(value) : value;
    }
  }
  return out;
}

/** Rows of `events` (each with its `seq`) under the union of their fields. */
export function renderEvents(events: readonly { seq: number; event: unknown }[]): string {
  if (events.length === 0) return '';
  const rows = events.map((e) => ({ seq: e.seq, ...flatten(e.event) }));
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return csv(
    columns,
    rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])),
  );
}
