import type { CancelReport, OrderAck, OrderListCancel, OrderResult } from '@binance-mcp/rest';
import * as z from 'zod';
import { orderOut, orderSchema, orderText } from '../account/order.js';
import { confirmAction } from '../confirm.js';
import { defineTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { amountInput, idInput, idOutput, idSchema, symbolInput } from '../inputs.js';
import { canceledOut, canceledSchema, canceledText } from './cancel.js';
import { checkAllowlist } from './caps.js';
import { checkOrder, throwFirst } from './check.js';
import {
  clientIdInput,
  confirmInput,
  ORDER_FIELD_KEYS,
  type OrderFields,
  orderFields,
  placedOut,
  placedSchema,
  placedText,
} from './order-input.js';

const { symbol: _symbol, side, type, ...rest } = orderFields;

const input = z.strictObject({
  symbol: symbolInput,
  orderId: idInput.optional().describe("The order to change: Binance's order id"),
  origClientOrderId: clientIdInput.optional().describe('…or the clientOrderId it was placed with'),
  mode: z
    .enum(['replace', 'amend'])
    .optional()
    .describe(
      'replace (default): cancel the order and place the new one given by side, type, quantity, price … in one request (cancelReplace). amend: only lower its quantity to newQty, keeping its place in the queue (amend keep-priority)',
    ),
  newQty: amountInput.optional().describe('amend: the new, smaller quantity'),
  side: side.optional().describe('replace: BUY or SELL of the new order'),
  type: type.optional().describe("replace: the new order's type (as in place_order)"),
  ...rest,
  cancelReplaceMode: z
    .enum(['STOP_ON_FAILURE', 'ALLOW_FAILURE'])
    .optional()
    .describe('replace: STOP_ON_FAILURE (default: no new order if the cancel fails) or ALLOW_FAILURE'),
  confirm: confirmInput,
});

export const replaceOrder = defineTool({
  name: 'replace_order',
  toolset: 'trading',
  title: 'Replace or amend an open order',
  description:
    'Changes an open order (by symbol and orderId or origClientOrderId), after the user confirms. mode "replace" (default) cancels it and places a new order in one request (cancelReplace): give the new order as in place_order (side, type, quantity, price, …); it is checked against the caps, the filters and cancelReplaceAllowed first; with cancelReplaceMode STOP_ON_FAILURE nothing new is placed if the cancel fails. mode "amend" lowers only its quantity to newQty and keeps its place in the queue (only where the symbol allows amendments; newQty is checked against LOT_SIZE first). A half that fails comes back as Binance error -2021 with what happened to each half. To just cancel use cancel_order.',
  input,
  output: {
    mode: z.enum(['replace', 'amend']),
    before: orderSchema.describe('The order as it was'),
    canceled: z.array(canceledSchema).optional().describe('replace: what was canceled'),
    placed: placedSchema.optional().describe('replace: the new order'),
    amended: z
      .object({
        orderId: idSchema,
        clientOrderId: z.string(),
        origQty: z.string().describe('The quantity now'),
        executedQty: z.string(),
        status: z.string(),
      })
      .optional()
      .describe('amend: the order after the amendment'),
    confirmedBy: z.enum(['elicitation', 'argument']),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run(args, env) {
    checkAllowlist(env, args.symbol);
    const { rest: client } = env.binance;
    if (args.orderId === undefined && args.origClientOrderId === undefined) {
      throw new ToolInputError({
        parameter: 'orderId',
        allowed: 'an orderId or an origClientOrderId of the order to change',
      });
    }
    const mode = args.mode ?? 'replace';
    const newFields = [...ORDER_FIELD_KEYS.filter((k) => k !== 'symbol'), 'cancelReplaceMode'] as const;
    if (mode === 'amend') {
      const extra = newFields.find((k) => args[k] !== undefined);
      if (extra) {
        throw new ToolInputError({
          parameter: extra,
          value: args[extra],
          allowed: 'nothing with mode "amend" (it changes only the quantity: newQty)',
        });
      }
      if (args.newQty === undefined)
        throw new ToolInputError({
          parameter: 'newQty',
          allowed: 'the new, smaller quantity, with mode "amend"',
        });
    } else {
      if (args.newQty !== undefined) {
        throw new ToolInputError({
          parameter: 'newQty',
          value: args.newQty,
          allowed: 'only with mode "amend" (a replacement gives quantity)',
        });
      }
      if (args.side === undefined || args.type === undefined) {
        throw new ToolInputError({
          parameter: args.side === undefined ? 'side' : 'type',
          allowed: 'the new order\'s side and type (mode "replace"), as in place_order',
        });
      }
    }
    const ref = {
      symbol: args.symbol,
      ...(args.orderId !== undefined ? { orderId: String(args.orderId) } : {}),
      ...(args.origClientOrderId !== undefined ? { origClientOrderId: args.origClientOrderId } : {}),
    };
    const before = orderOut(await client.getOrder(ref as never, { signal: env.signal }));
    const beforeText = `${before.side} ${before.origQty} ${before.symbol} ${before.type}${before.type === 'MARKET' ? '' : ` at ${before.price}`} (order ${before.orderId})`;

    if (mode === 'amend') {
      // The symbol's amendAllowed, newQty against LOT_SIZE and below the order's quantity, before asking.
      throwFirst(
        await client.checkAmendOrder(
          { symbol: args.symbol, orderId: String(before.orderId), newQty: args.newQty as string },
          { origQty: before.origQty, signal: env.signal },
        ),
      );
      const answer = confirmAction({
        mcp: env.mcp,
        server: env.server,
        summary: `Lower the quantity of ${beforeText} to ${args.newQty}, keeping its place in the queue`,
        confirmArgument: args.confirm,
        tool: 'replace_order',
        environment: env.binance.environment,
      });
      if (!answer.confirmed) return answer.result;
      const r = await client.amendOrder(
        { symbol: args.symbol, orderId: String(before.orderId), newQty: args.newQty as string },
        { signal: env.signal, validate: false },
      );
      const o = r.amendedOrder;
      return {
        mode,
        before,
        amended: {
          orderId: idOutput(o.orderId),
          clientOrderId: o.clientOrderId,
          origQty: o.qty,
          executedQty: o.executedQty,
          status: o.status,
        },
        confirmedBy: answer.how,
      };
    }

    const cancelReplaceMode = args.cancelReplaceMode ?? 'STOP_ON_FAILURE';
    const checked = await checkOrder(env, { ...args, side: args.side, type: args.type } as OrderFields, {
      cancelOrderId: String(before.orderId),
      cancelReplaceMode,
    });
    const answer = confirmAction({
      mcp: env.mcp,
      server: env.server,
      summary: `Cancel ${beforeText} and place ${checked.summary}`,
      confirmArgument: args.confirm,
      tool: 'replace_order',
      environment: env.binance.environment,
    });
    if (!answer.confirmed) return answer.result;
    const r = await client.cancelReplace(
      {
        ...checked.params,
        cancelReplaceMode,
        cancelOrderId: String(before.orderId),
      } as never,
      { signal: env.signal, validate: false },
    );
    const result = r as {
      cancelResponse: CancelReport | OrderListCancel;
      newOrderResponse: OrderAck | OrderResult;
    };
    const cancel = result.cancelResponse;
    return {
      mode,
      before,
      canceled: 'orderReports' in cancel ? cancel.orderReports.map(canceledOut) : [canceledOut(cancel)],
      placed: placedOut(result.newOrderResponse),
      confirmedBy: answer.how,
    };
  },
  render: (d) =>
    d.mode === 'amend' && d.amended
      ? `Amended ${d.before.symbol} order ${d.amended.orderId}: quantity ${d.before.origQty} → ${d.amended.origQty} (place in the queue kept), status ${d.amended.status}`
      : [
          `Replaced: ${orderText(d.before)}`,
          ...(d.canceled ?? []).map((c) => `canceled ${canceledText(c)}`),
          d.placed ? `placed ${placedText(d.placed)}` : undefined,
        ]
          .filter((x) => x !== undefined)
          .join('\n'),
});
