import type { OrderAck, OrderResult } from '@binance-mcp/rest';
import * as z from 'zod';
import { confirmAction } from '../confirm.js';
import { defineTool } from '../define.js';
import { pairs } from '../render.js';
import { checkOrder } from './check.js';
import { confirmInput, orderFields, placedOut, placedSchema, placedText } from './order-input.js';

const worthSchema = z
  .object({ notional: z.string(), quoteAsset: z.string(), basis: z.string() })
  .describe("The order's worth in the quote asset, as the caps count it");

export const placeOrder = defineTool({
  name: 'place_order',
  toolset: 'trading',
  title: 'Place an order',
  description:
    "Places a live order on Binance: LIMIT, MARKET (by quantity or quoteOrderQty), STOP_LOSS(_LIMIT), TAKE_PROFIT(_LIMIT) or LIMIT_MAKER. Before anything is sent it is checked against the operator's caps (BINANCE_SYMBOL_ALLOWLIST, BINANCE_MAX_ORDER_NOTIONAL) and the symbol's filters (a refusal names the filter and the nearest valid values), then the user confirms it (a dialog where the client supports it; otherwise repeat the call with confirm: true only after the user agreed). Carries a newClientOrderId (generated unless given) and is never placed twice by a retry inside the server. Call test_order first; for order lists (OCO, OTO, OTOCO) use place_order_list, to change an order replace_order.",
  input: z.strictObject({ ...orderFields, confirm: confirmInput }),
  output: {
    order: placedSchema,
    worth: worthSchema.optional(),
    confirmedBy: z.enum(['elicitation', 'argument']).describe('How the user confirmed'),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run(args, env) {
    const checked = await checkOrder(env, args);
    const answer = confirmAction({
      mcp: env.mcp,
      server: env.server,
      summary: `Place ${checked.summary}`,
      confirmArgument: args.confirm,
      tool: 'place_order',
      environment: env.binance.environment,
    });
    if (!answer.confirmed) return answer.result;
    // Checked just now: the library need not fetch what the filters need a second time.
    const order = await env.binance.rest.newOrder(checked.params as never, {
      signal: env.signal,
      validate: false,
    });
    return {
      order: placedOut(order as OrderAck | OrderResult),
      ...(checked.worth ? { worth: { ...checked.worth, quoteAsset: checked.quoteAsset } } : {}),
      confirmedBy: answer.how,
    };
  },
  render: (d) =>
    `Placed (confirmed by ${d.confirmedBy === 'elicitation' ? 'the user in a dialog' : 'confirm: true'}): ${placedText(d.order)}`,
});

const rates = z.object({ maker: z.string(), taker: z.string() });

export const testOrder = defineTool({
  name: 'test_order',
  toolset: 'trading',
  title: 'Test an order without placing it',
  description:
    "Checks an order exactly as place_order would (the caps, the symbol's filters with the nearest valid values, then Binance's own order/test) without placing it; nothing reaches the matching engine and no confirmation is needed. computeCommissionRates: true adds the commission rates this order would pay (weight 20 instead of 1). Use it before place_order, and to find valid prices and quantities.",
  input: z.strictObject({
    ...orderFields,
    computeCommissionRates: z.boolean().optional().describe('Also the commission rates the order would pay'),
  }),
  output: {
    valid: z.literal(true).describe('Binance accepted the order as valid (it was not placed)'),
    order: z.string().describe('The order tested, in one line'),
    worth: worthSchema.optional(),
    commission: z
      .object({
        standard: rates,
        special: rates.optional(),
        tax: rates,
        discount: z.object({
          enabledForAccount: z.boolean(),
          enabledForSymbol: z.boolean(),
          discountAsset: z.string(),
          discount: z.string(),
        }),
      })
      .optional()
      .describe('Rates as decimals (0.001 = 0.1%), with computeCommissionRates'),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, env) {
    const checked = await checkOrder(env, args);
    const { newClientOrderId: _id, ...params } = checked.params;
    const result = await env.binance.rest.testOrder(
      { ...params, ...(args.computeCommissionRates ? { computeCommissionRates: true } : {}) } as never,
      { signal: env.signal, validate: false },
    );
    const r = result as Record<string, unknown>;
    return {
      valid: true as const,
      order: checked.summary,
      ...(checked.worth ? { worth: { ...checked.worth, quoteAsset: checked.quoteAsset } } : {}),
      ...('standardCommissionForOrder' in r
        ? {
            commission: {
              standard: r.standardCommissionForOrder as z.output<typeof rates>,
              ...(r.specialCommissionForOrder
                ? { special: r.specialCommissionForOrder as z.output<typeof rates> }
                : {}),
              tax: r.taxCommissionForOrder as z.output<typeof rates>,
              discount: r.discount as {
                enabledForAccount: boolean;
                enabledForSymbol: boolean;
                discountAsset: string;
                discount: string;
              },
            },
          }
        : {}),
    };
  },
  render: (d) =>
    `Valid, not placed: ${d.order}${
      d.commission
        ? `; commission ${pairs({
            maker: d.commission.standard.maker,
            taker: d.commission.standard.taker,
            taxMaker: d.commission.tax.maker,
            taxTaker: d.commission.tax.taker,
          })}`
        : ''
    }`,
});
