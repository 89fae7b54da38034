// Serves one REST request: routing, weights and bans, faults, signed-request checks, Binance's error
// payloads, headers (used weight, order counts, Retry-After).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Accounts } from '../accounts/registry.js';
import { authenticate } from '../auth/authenticate.js';
import { restPayload } from '../auth/signature.js';
import type { Clock } from '../clock.js';
import type { PlacementFaults, RestFaults } from '../faults.js';
import type { OrderRateLimits } from '../limits/order-count.js';
import type { WeightLimiter } from '../limits/weight.js';
import type { ExchangeInfoCache } from '../market/exchange-info.js';
import type { Market } from '../market/market.js';
import type { TradingEngine } from '../trading/engine.js';
import { RawJson, type RestContext, type Route } from './context.js';
import { ApiError, errors } from './errors.js';
import { Params } from './params.js';
import type { RequestLog } from './request-log.js';

export interface RestDeps {
  market: Market;
  clock: Clock;
  limiter: WeightLimiter;
  faults: RestFaults;
  placementFaults: PlacementFaults;
  log: RequestLog;
  exchangeInfo: ExchangeInfoCache;
  routes: Readonly<Record<string, Route>>;
  accounts: Accounts;
  trading: TradingEngine;
  orderLimits: OrderRateLimits;
}

const NOT_FOUND = '<html><body><h2>404 Not found</h2></body></html>';
// What a request blocked by the web application firewall in front of the API gets (HTTP 403): an HTML
// page from the CDN, not Binance's JSON.
const WAF_PAGE =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n' +
  '<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">\n' +
  '<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n' +
  '<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size="1px">\n' +
  'Request blocked.\n</BODY></HTML>';
const MAX_BODY = 1024 * 1024;

function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? 'unknown';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function handleRest(req: IncomingMessage, res: ServerResponse, deps: RestDeps): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q + 1);
  const method = req.method ?? 'GET';
  const ip = clientIp(req);
  const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
  const entry = deps.log.record({ method, path, query, body, time: deps.clock.now(), headers: req.headers });

  const fault = deps.faults.take(path, method);
  if (fault?.kind === 'reset' && !fault.afterProcessing) {
    entry.status = 0;
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'error' && !fault.afterProcessing) {
    entry.status = fault.status;
    send(res, fault.status, JSON.stringify(fault.body), deps.limiter.used(ip));
    return;
  }
  if (fault?.kind === 'rateLimit') {
    const err = new ApiError(
      429,
      -1003,
      `Too much request weight used; current limit is ${deps.limiter.options.limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
    );
    entry.status = 429;
    const retry: Record<string, number> =
      fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
    send(res, 429, JSON.stringify(err.body()), deps.limiter.used(ip), undefined, retry);
    return;
  }
  if (fault?.kind === 'waf') {
    entry.status = 403;
    res.writeHead(403, {
      'Content-Type': 'text/html',
      'Content-Length': Buffer.byteLength(WAF_PAGE),
      Server: 'CloudFront',
    });
    res.end(WAF_PAGE);
    return;
  }
  if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

  const route = deps.routes[`${method} ${path}`];
  if (!route) {
    entry.status = 404;
    send(res, 404, NOT_FOUND, deps.limiter.used(ip), 'text/html');
    return;
  }
  const placement = route.placesOrders ? deps.placementFaults.take() : null;
  if (placement === 'before') {
    entry.status = 0;
    req.socket.destroy();
    return;
  }

  const params = new Params(query, body);
  params.ids = deps.market.ids;
  const weight = route.weight(params);
  entry.weight = weight;
  const verdict = deps.limiter.charge(ip, weight);
  if (verdict.kind === 'banned') {
    const err = new ApiError(
      418,
      -1003,
      `Way too much request weight used; IP banned until ${verdict.until}. Please use WebSocket Streams for live updates to avoid bans.`,
    );
    entry.status = 418;
    send(res, 418, JSON.stringify(err.body()), verdict.used, undefined, {
      'Retry-After': verdict.retryAfter,
    });
    return;
  }
  if (verdict.kind === 'limited') {
    const err = new ApiError(
      429,
      -1003,
      `Too much request weight used; current limit is ${deps.limiter.options.limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
    );
    entry.status = 429;
    send(res, 429, JSON.stringify(err.body()), verdict.used, undefined, {
      'Retry-After': verdict.retryAfter,
    });
    return;
  }

  let status = 200;
  let text: string;
  let used = verdict.used;
  const extra: Record<string, string | number> = {};
  let ctx: RestContext | null = null;
  try {
    const micro = timeUnitIsMicro(req.headers['x-mbx-time-unit']);
    params.checkDuplicates();
    const now = deps.clock.now();
    deps.trading.sync(now);
    let account = null;
    if (route.security) {
      const header = req.headers['x-mbx-apikey'];
      account = authenticate(deps.accounts, {
        apiKey: Array.isArray(header) ? header[0] : header,
        params,
        payload: () => restPayload(query, body),
        now,
        security: route.security,
      }).account;
    }
    ctx = {
      params,
      market: deps.market,
      now,
      time: micro ? (ms) => ms * 1000 : (ms) => ms,
      endTime: micro ? (next) => next * 1000 - 1 : (next) => next - 1,
      exchangeInfo: deps.exchangeInfo,
      weightLimit: deps.limiter.options.limit,
      orderLimits: deps.orderLimits,
      account,
      trading: deps.trading,
      charge: false,
    };
    const result = route.handle(ctx);
    params.finish();
    text = result instanceof RawJson ? result.text : deps.market.ids.restJson(result);
  } catch (error) {
    const err =
      error instanceof ApiError
        ? error
        : new ApiError(500, -1000, 'An unknown error occurred while processing the request.');
    if (!(error instanceof ApiError)) console.error('[simulator] REST handler failed:', error);
    status = err.status;
    text = deps.market.ids.restJson(err.body());
    if (err.retryAfter !== undefined) extra['Retry-After'] = err.retryAfter;
  }
  if (route.freeOnSuccess && status === 200 && !ctx?.charge) {
    used = deps.limiter.refund(ip, weight);
    entry.weight = 0;
  }
  if (route.placesOrders && ctx?.account) {
    const counts = ctx.account.orderCount.counts(deps.clock.now());
    extra['X-MBX-ORDER-COUNT-10S'] = counts.tenSeconds;
    extra['X-MBX-ORDER-COUNT-1D'] = counts.day;
  }
  entry.status = status;
  if (placement === 'after' || (fault?.kind === 'reset' && fault.afterProcessing)) {
    // Processed, but the answer is lost with the connection.
    entry.status = 0;
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'error' && fault.afterProcessing) {
    entry.status = fault.status;
    send(res, fault.status, JSON.stringify(fault.body), used);
    return;
  }
  if (fault?.kind === 'truncate') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  if (fault?.kind === 'cut') {
    // The status line, the headers (announcing the whole body) and half of the body, then the
    // connection is gone: the client has a status but no complete body.
    entry.status = 0;
    const bytes = Buffer.from(text);
    res.writeHead(status, {
      'Content-Type': 'application/json;charset=UTF-8',
      'Content-Length': bytes.length,
      'X-MBX-USED-WEIGHT': used,
      'X-MBX-USED-WEIGHT-1M': used,
      ...extra,
    });
    res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => req.socket.destroy());
    return;
  }
  send(res, status, text, used, undefined, extra);
}

function timeUnitIsMicro(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header[0] : header;
  const upper = (value ?? '').toUpperCase();
  if (upper === 'MICROSECOND') return true;
  if (upper === 'MILLISECOND') return false;
  throw errors.badTimeUnit();
}

function send(
  res: ServerResponse,
  status: number,
  text: string,
  used: number,
  contentType = 'application/json;charset=UTF-8',
  extra: Record<string, string | number> = {},
): void {
  const headers: Record<string, string | number> = {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'X-MBX-USED-WEIGHT': used,
    'X-MBX-USED-WEIGHT-1M': used,
    ...extra,
  };
  res.writeHead(status, headers);
  res.end(text);
}
