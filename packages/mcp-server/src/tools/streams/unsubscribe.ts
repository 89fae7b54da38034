import * as z from 'zod';
import { defineTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { STREAM_STATE } from './subscribe.js';

export const unsubscribeStream = defineTool({
  name: 'unsubscribe_stream',
  toolset: 'streams',
  title: 'End a live stream subscription',
  description:
    'Ends a subscription made with subscribe_stream (or all of them with all: true) and drops its buffered events. Subscriptions also end by themselves after 10 minutes without a read, and when the client disconnects.',
  input: z.strictObject({
    subscriptionId: z.string().min(1).max(40).optional().describe('The subscription to end'),
    all: z.boolean().optional().describe('End every subscription of this client'),
  }),
  output: { ended: z.array(z.string()).describe('Subscriptions ended'), streams: z.array(z.string()) },
  annotations: STREAM_STATE,
  async run(args, { binance, owner }) {
    if ((args.subscriptionId === undefined) === (args.all !== true)) {
      throw new ToolInputError({
        parameter: 'subscriptionId',
        ...(args.subscriptionId === undefined ? {} : { value: args.subscriptionId }),
        allowed: 'either a subscriptionId or all: true',
      });
    }
    const ended =
      args.subscriptionId !== undefined
        ? [binance.streams.unsubscribe(owner, args.subscriptionId)]
        : binance.streams.list(owner).map((s) => binance.streams.unsubscribe(owner, s.id));
    return { ended: ended.map((s) => s.id), streams: ended.map((s) => s.stream) };
  },
  render: (d) =>
    d.ended.length === 0
      ? 'No subscriptions to end.'
      : `Ended ${d.ended.map((id, i) => `${id} (${d.streams[i]})`).join(', ')}.`,
});
