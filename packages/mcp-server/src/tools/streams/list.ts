import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { csv, isoTime } from '../render.js';

export const listStreams = defineTool({
  name: 'list_streams',
  toolset: 'streams',
  title: 'List live stream subscriptions',
  description:
    "This client's stream subscriptions (id, stream, events received and held, last event, when each ends unless read) and the state of the WebSocket connections. Listing keeps them alive. Subscribe with subscribe_stream, read with read_stream.",
  input: z.strictObject({}),
  output: {
    subscriptions: z.array(
      z.object({
        subscriptionId: z.string(),
        stream: z.string(),
        received: z.number(),
        buffered: z.number(),
        lastEventAt: z.number().optional(),
        expiresAt: z.number(),
        error: z.string().optional(),
      }),
    ),
    connections: z.array(z.object({ id: z.number(), state: z.string(), streams: z.number() })),
  },
  annotations: READ_ONLY,
  async run(_args, { binance, owner }) {
    return {
      subscriptions: binance.streams.list(owner).map((s) => ({
        subscriptionId: s.id,
        stream: s.stream,
        received: s.received,
        buffered: s.buffered,
        ...(s.lastEventAt === undefined ? {} : { lastEventAt: s.lastEventAt }),
        expiresAt: s.expiresAt,
        ...(s.error ? { error: s.error } : {}),
      })),
      connections: binance.streams
        .connections()
        .map((c) => ({ id: c.id, state: c.state, streams: c.streams })),
    };
  },
  render(d) {
    if (d.subscriptions.length === 0) return 'No stream subscriptions. Start one with subscribe_stream.';
    return `${d.subscriptions.length} subscription(s); connections: ${
      d.connections.map((c) => `${c.id} ${c.state} (${c.streams} streams)`).join(', ') || 'none'
    }\n${csv(
      ['subscriptionId', 'stream', 'received', 'buffered', 'lastEvent', 'expires', 'error'],
      d.subscriptions.map((s) => [
        s.subscriptionId,
        s.stream,
        s.received,
        s.buffered,
        s.lastEventAt === undefined ? '' : isoTime(s.lastEventAt),
        isoTime(s.expiresAt),
        s.error,
      ]),
    )}`;
  },
});
