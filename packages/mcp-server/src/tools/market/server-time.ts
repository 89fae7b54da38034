import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { isoTime, pairs } from '../render.js';

export const getServerTime = defineTool({
  name: 'get_server_time',
  toolset: 'market',
  title: 'Server time and connectivity',
  description:
    'Checks that Binance answers and reports its time, which environment this server talks to (mainnet, testnet, demo or simulator), the local clock\'s offset from the exchange\'s, the round trip, and the request weight used this minute. Use it first when unsure what "now" is (for time ranges), to diagnose connectivity, or after a timestamp error (-1021): it also re-measures the clock offset used to sign requests. It returns no market data: for prices use get_price or get_ticker.',
  input: z.strictObject({}),
  output: {
    serverTime: z.number().describe('Exchange time, epoch ms'),
    serverTimeIso: z.string().describe('Exchange time, ISO 8601 UTC'),
    clockOffsetMs: z
      .number()
      .describe('Exchange clock minus local clock, in ms (applied to signed requests)'),
    roundTripMs: z.number().describe('Round trip of the best time request, in ms'),
    pingMs: z.number().describe('Round trip of a ping, in ms'),
    baseUrl: z.string().describe('REST host that answered'),
    usedWeight: z.number().describe('Request weight used this minute (Binance counts per IP)'),
    weightLimit: z.number().describe('Request weight allowed per minute'),
  },
  annotations: READ_ONLY,
  async run(_args, { binance, signal }) {
    const { rest } = binance;
    const started = performance.now();
    await rest.ping(undefined, { signal });
    const pingMs = Math.round((performance.now() - started) * 10) / 10;
    const { offset, roundTrip } = await rest.syncClock({ samples: 3, signal });
    const serverTime = Math.round(rest.serverTime());
    const state = rest.rateLimitState();
    return {
      serverTime,
      serverTimeIso: isoTime(serverTime),
      clockOffsetMs: Math.round(offset * 10) / 10,
      roundTripMs: Math.round(roundTrip * 10) / 10,
      pingMs,
      baseUrl: rest.transport.activeBaseUrl,
      usedWeight: state.usedWeight,
      weightLimit: state.weightLimit,
    };
  },
  render: (d) =>
    `Binance ${d.environment} is up. ${pairs({
      serverTime: d.serverTimeIso,
      epochMs: d.serverTime,
      clockOffsetMs: d.clockOffsetMs,
      roundTripMs: d.roundTripMs,
      pingMs: d.pingMs,
      host: d.baseUrl,
      weight: `${d.usedWeight}/${d.weightLimit} per minute`,
    })}`,
});
