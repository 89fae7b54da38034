import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { renderEvents } from './render-events.js';
import { subscriptionSchema } from './subscribe.js';

export const readStream = defineTool({
  name: 'read_stream',
  toolset: 'streams',
  title: 'Read events of a live stream',
  description:
    'Events of a subscription made with subscribe_stream. Without a cursor: the newest `limit` events. With cursor (the nextCursor of the previous read): the events after it, oldest first, so reading repeatedly misses nothing while the server still holds it (missed says how many fell out of the 500-event buffer). waitMs waits up to that long for a new event when there is none yet. Each read keeps the subscription alive. Works in every client; clients that support resource subscriptions can also follow binance://ticker/{symbol} and binance://book/{symbol}.',
  input: z.strictObject({
    subscriptionId: z.string().min(1).max(40).describe('The subscriptionId from subscribe_stream'),
    cursor: z.int().min(0).optional().describe('nextCursor of the previous read_stream: events after it'),
    limit: z.int().min(1).max(200).optional().describe('Events to return: 1 to 200 (default 20)'),
    waitMs: z
      .int()
      .min(0)
      .max(20_000)
      .optional()
      .describe('Wait up to this many ms for a new event when none is there yet (default 0: answer at once)'),
  }),
  output: {
    ...subscriptionSchema,
    events: z
      .array(z.object({ seq: z.number() }).catchall(z.unknown()))
      .describe('Oldest first; seq numbers the events of this subscription'),
    nextCursor: z.number().describe('Pass as cursor to read the events after these'),
    missed: z
      .number()
      .describe('Events after the cursor no longer held (read more often, or use a larger limit)'),
    more: z.boolean().describe('More events after these are already held'),
    error: z.string().optional().describe('The stream failed (e.g. an unknown stream); subscribe again'),
  },
  annotations: READ_ONLY,
  async run(args, { binance, signal, owner }) {
    const limit = args.limit ?? 20;
    const result = await binance.streams.read(owner, args.subscriptionId, {
      limit,
      ...(args.cursor === undefined ? {} : { cursor: args.cursor }),
      ...(args.waitMs === undefined ? {} : { waitMs: args.waitMs }),
      signal,
    });
    const { info } = result;
    const last = result.events[result.events.length - 1];
    return {
      subscriptionId: info.id,
      stream: info.stream,
      received: info.received,
      buffered: info.buffered,
      expiresAt: info.expiresAt,
      events: result.events.map((e) => ({
        seq: e.seq,
        ...(typeof e.event === 'object' && e.event !== null && !Array.isArray(e.event)
          ? e.event
          : { items: e.event }),
      })),
      nextCursor: last ? last.seq : (args.cursor ?? info.lastSeq),
      missed: result.missed,
      more: result.more,
      ...(info.error ? { error: info.error } : {}),
    };
  },
  render(d) {
    const head = `${d.stream} (${d.subscriptionId}): ${d.events.length} event${d.events.length === 1 ? '' : 's'}${
      d.missed ? `, ${d.missed} missed` : ''
    }${d.more ? ', more held' : ''}; nextCursor ${d.nextCursor}${d.error ? `; stream error: ${d.error}` : ''}`;
    const rows = renderEvents(d.events.map(({ seq, ...event }) => ({ seq, event })));
    return rows ? `${head}\n${rows}` : `${head}. None yet: read again with waitMs, e.g. 2000.`;
  },
});
