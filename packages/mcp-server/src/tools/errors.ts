// Every failure becomes a tool result the model can act on: `isError: true`, what went wrong (Binance's
// code and message verbatim when Binance answered), and what to do next. Nothing here throws, and no
// secret survives: the text goes through the context's redactor.

import {
  ApiError,
  BannedError,
  bigIntReplacer,
  FilterError,
  NetworkError,
  OrderNotPlacedError,
  OrderStatusUnknownError,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
  ValidationError,
} from '@binance-mcp/rest';
import { StreamsError } from '@binance-mcp/streams';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Environment } from '../environment.js';
import { StreamHubError } from '../streams/hub.js';

/**
 * A tool argument is not allowed (beyond what the input schema can say, e.g. a combination of fields);
 * raised before anything is sent.
 */
export class ToolInputError extends Error {
  readonly parameter: string;
  readonly allowed: string;
  readonly hint: string | undefined;
  constructor(init: { parameter: string; value?: unknown; allowed: string; hint?: string }) {
    const what =
      'value' in init && init.value !== undefined
        ? `'${init.parameter}' is ${JSON.stringify(init.value)}`
        : `'${init.parameter}' is missing`;
    super(`${what}; allowed: ${init.allowed}`);
    this.name = 'ToolInputError';
    this.parameter = init.parameter;
    this.allowed = init.allowed;
    this.hint = init.hint;
  }
}

/** A request the server refuses on principle (caps, allow-lists, read-only), with the reason. */
export class ToolRefusal extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'ToolRefusal';
    this.hint = hint;
  }
}

const FIX_PARAMETER = 'Fix the parameter named above and call the tool again.';

/** What to do next after Binance error `code`. */
function hintForCode(code: number | undefined, status: number): string {
  switch (code) {
    case -1121:
      return 'The symbol is not listed here. Find listed symbols with get_exchange_info (e.g. search: "BTC"), then call again.';
    case -1003:
      return 'Too much request weight this minute. Wait for the next minute, and name symbols instead of asking for all.';
    case -1021:
      return "The request's timestamp is outside recvWindow: the local clock is off. Call get_server_time (it measures the offset), then try again.";
    case -1022:
    case -2014:
    case -2015:
      return 'The API key was refused (wrong key, missing permission, or an IP restriction). Check the key settings on Binance; keys cannot be passed to tools.';
    case -1013:
    case -2010:
      return 'The order breaks a rule of the symbol or the account. Check the symbol rules (binance://symbol/{symbol} or get_exchange_info with detail: "rules") and the balances.';
    case -2021:
    case -2022:
      return 'cancelReplace: see above what happened to the cancel and to the new order; check the order with get_order or get_open_orders before trying again.';
    case -2038:
      return 'Amending keeps priority only where the symbol allows it (amendAllowed) and only to lower the quantity; use replace_order with mode "replace" instead.';
    case -2011:
    case -2013:
      return 'No such order (it may be filled, cancelled or expired). List orders with get_open_orders or get_all_orders.';
    case -1100:
    case -1101:
    case -1102:
    case -1104:
    case -1105:
    case -1106:
    case -1111:
    case -1128:
    case -1130:
      return FIX_PARAMETER;
    default:
      if (status >= 500)
        return 'Binance had an internal problem; the outcome is unknown for writes. Retry in a few seconds.';
      return 'Check the arguments against the tool description and call again.';
  }
}

/** What a failed cancelReplace did with each half (Binance's `data` of -2021 / -2022). */
function cancelReplaceHalves(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const d = data as {
    cancelResult?: unknown;
    newOrderResult?: unknown;
    cancelResponse?: unknown;
    newOrderResponse?: unknown;
  };
  if (d.cancelResult === undefined && d.newOrderResult === undefined) return '';
  const msg = (r: unknown) => {
    const x = r as { code?: unknown; msg?: unknown } | null | undefined;
    return x && x.msg !== undefined ? ` (${x.code ?? ''} ${String(x.msg)})`.replace('( ', '(') : '';
  };
  return `; cancel: ${String(d.cancelResult)}${msg(d.cancelResponse)}, new order: ${String(d.newOrderResult)}${msg(d.newOrderResponse)}`;
}

/** What to do after a pre-trade refusal. */
function filterNextStep(error: FilterError): string {
  if (error.filter === 'amendAllowed') {
    return 'use replace_order with mode "replace" (cancel and place anew) instead.';
  }
  if (error.filter === 'cancelReplaceAllowed') {
    return 'cancel the order with cancel_order, then place the new one with place_order.';
  }
  if (error.parameter === 'newQty') return 'fix newQty and call again.';
  return `fix ${error.parameter} (test_order checks without placing) and call again.`;
}

/** The text of a failure: what happened and what to do next. */
export function describeToolError(error: unknown, tool: string): string {
  if (error instanceof ToolInputError) {
    return `Invalid arguments for ${tool}: ${error.message}. ${error.hint ?? FIX_PARAMETER}`;
  }
  if (error instanceof ToolRefusal) {
    return `${tool} refused: ${error.message}.${error.hint ? ` ${error.hint}` : ''}`;
  }
  if (error instanceof FilterError) {
    const nearest =
      error.nearest.length > 0 ? ` Nearest valid ${error.parameter}: ${error.nearest.join(' or ')}.` : '';
    return `Not sent: the order breaks ${error.filter} of ${error.symbol}: ${error.message.replace(/^[A-Z]+ \/\S+: /, '')}.${nearest} Nothing reached Binance; ${filterNextStep(error)}`;
  }
  if (error instanceof OrderNotPlacedError) {
    return `Not placed: ${error.message}. It is safe to call ${tool} again (use newClientOrderId "${error.clientOrderId}" to be sure it cannot be placed twice).`;
  }
  if (error instanceof OrderStatusUnknownError) {
    return `Outcome unknown: ${error.message}. Do NOT repeat the call: look the order up first with get_order (origClientOrderId "${error.clientOrderId}") or get_open_orders.`;
  }
  if (error instanceof ValidationError) {
    return `Invalid arguments for ${tool}: parameter '${error.parameter}' is ${
      error.value === undefined ? 'missing' : JSON.stringify(error.value, bigIntReplacer)
    }; allowed: ${error.allowed}. ${FIX_PARAMETER}`;
  }
  if (error instanceof RateLimitError) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    const code = error.code === undefined ? '' : ` (Binance code ${error.code}: ${error.msg})`;
    return `Rate limit reached${code}. Nothing more can be sent for about ${seconds} s; call again after that. Name symbols instead of asking for all to use less weight.`;
  }
  if (error instanceof BannedError) {
    return `Binance has banned this IP (HTTP 418) until ${new Date(error.until).toISOString()} for sending too much after rate-limit warnings. Do not call again before then.`;
  }
  if (error instanceof ApiError) {
    const code = error.code === undefined ? '' : ` ${error.code}`;
    const halves = cancelReplaceHalves(error.data);
    return `Binance error${code}: ${error.msg} (HTTP ${error.status}, ${error.endpoint})${halves}. ${hintForCode(error.code, error.status)}`;
  }
  if (error instanceof TimeoutError) {
    return `Binance did not answer within ${error.timeoutMs} ms (${error.endpoint}). Try again; for a write, check its outcome before repeating it.`;
  }
  if (error instanceof NetworkError) {
    return `Binance could not be reached (${error.code ?? 'network error'} at ${error.baseUrls.join(', ')}). Check the network or BINANCE_BASE_URL, then try again.`;
  }
  if (error instanceof ResponseParseError) {
    return `Binance answered with something unexpected (${error.reason}, ${error.endpoint}). Try again; if it persists, the host may not be a Binance API.`;
  }
  if (error instanceof StreamHubError) {
    return error.parameter
      ? `Invalid arguments for ${tool}: ${error.message}.`
      : `${tool} could not follow the stream: ${error.message}. Try again; market tools give a snapshot meanwhile.`;
  }
  if (error instanceof StreamsError) {
    return `The live stream failed (${error.name}): ${error.message}. Try again in a few seconds; market tools give a snapshot meanwhile.`;
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return `${tool} was cancelled before it finished.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `${tool} failed unexpectedly: ${message}. Try again; if it persists, report it.`;
}

/** The `isError` tool result for `error`, tagged with the environment and redacted. */
export function errorResult(
  error: unknown,
  tool: string,
  environment: Environment,
  redact: (text: string) => string,
): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: redact(`[${environment}] ${describeToolError(error, tool)}`) }],
  };
}
