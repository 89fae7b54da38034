// Live control messages on a stream connection (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS,
// SET_PROPERTY, GET_PROPERTY) with Binance's replies and error payloads.

import { jsonErrorPosition } from './json-syntax.js';
import { parseStreamName, type StreamSpec } from './names.js';

export type RequestId = number | string | null;

/** What the connection must do for a valid request. */
export type ControlAction =
  | { kind: 'subscribe'; id: RequestId; streams: Array<{ name: string; spec: StreamSpec }> }
  | { kind: 'unsubscribe'; id: RequestId; names: string[] }
  | { kind: 'list'; id: RequestId }
  | { kind: 'setCombined'; id: RequestId; value: boolean }
  | { kind: 'getCombined'; id: RequestId };

export type ControlResult = { ok: ControlAction } | { reply: string };

const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'] as const;

export function errorReply(code: number, msg: string, id: RequestId = null): string {
  return JSON.stringify({ error: { code, msg }, id });
}

export function resultReply(result: unknown, id: RequestId): string {
  return JSON.stringify({ result, id });
}

/** Column (1-based) just past the JSON string value of `key` in the raw text, for serde-style messages. */
function columnAfterValue(text: string, key: string): number {
  const m = new RegExp(`"${key}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|[^,}\\]]*)`).exec(text);
  if (!m) return text.length;
  return m.index + m[0].length;
}

function validId(id: unknown): id is RequestId {
  if (id === null) return true;
  if (typeof id === 'number') return Number.isSafeInteger(id);
  return typeof id === 'string' && /^[A-Za-z0-9]{1,36}$/.test(id);
}

/** Parses one incoming text message. */
export function parseControl(text: string): ControlResult {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    const { line, column } = jsonErrorPosition(text);
    return { reply: errorReply(3, `Invalid JSON: expected value at line ${line} column ${column}`) };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return {
      reply: errorReply(2, `Invalid request: missing field \`method\` at line 1 column ${text.length}`),
    };
  }
  const req = msg as Record<string, unknown>;
  if (!('method' in req)) {
    return {
      reply: errorReply(2, `Invalid request: missing field \`method\` at line 1 column ${text.length}`),
    };
  }
  const method = req.method;
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
    const shown = typeof method === 'string' ? method : JSON.stringify(method);
    return {
      reply: errorReply(
        2,
        `Invalid request: unknown variant \`${shown}\`, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\` at line 1 column ${columnAfterValue(text, 'method')}`,
      ),
    };
  }
  if (!('id' in req) || !validId(req.id)) {
    return { reply: errorReply(2, 'Invalid request: request ID must be an unsigned integer') };
  }
  const id = req.id as RequestId;
  const params = req.params;
  if (params !== undefined && !Array.isArray(params)) {
    return { reply: errorReply(2, 'Invalid request: invalid type: expected a sequence', id) };
  }
  const list = (params ?? []) as unknown[];

  switch (method) {
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE': {
      if (params === undefined) {
        return {
          reply: errorReply(
            2,
            `Invalid request: missing field \`params\` at line 1 column ${text.length}`,
            id,
          ),
        };
      }
      const streams: Array<{ name: string; spec: StreamSpec }> = [];
      for (const name of list) {
        const spec = typeof name === 'string' ? parseStreamName(name) : null;
        if (spec === null) return { reply: errorReply(2, 'Invalid request: invalid stream', id) };
        streams.push({ name: name as string, spec });
      }
      return method === 'SUBSCRIBE'
        ? { ok: { kind: 'subscribe', id, streams } }
        : { ok: { kind: 'unsubscribe', id, names: streams.map((s) => s.name) } };
    }
    case 'LIST_SUBSCRIPTIONS':
      if (list.length > 0) return { reply: errorReply(2, 'Invalid request: too many parameters', id) };
      return { ok: { kind: 'list', id } };
    case 'SET_PROPERTY': {
      if (list.length > 2) return { reply: errorReply(2, 'Invalid request: too many parameters', id) };
      if (typeof list[0] !== 'string')
        return { reply: errorReply(2, 'Invalid request: property name must be a string', id) };
      if (list[0] !== 'combined') return { reply: errorReply(0, 'Unknown property', id) };
      if (typeof list[1] !== 'boolean')
        return { reply: errorReply(1, 'Invalid value type: expected Boolean', id) };
      return { ok: { kind: 'setCombined', id, value: list[1] } };
    }
    default: {
      if (list.length > 1) return { reply: errorReply(2, 'Invalid request: too many parameters', id) };
      if (typeof list[0] !== 'string')
        return { reply: errorReply(2, 'Invalid request: property name must be a string', id) };
      if (list[0] !== 'combined') return { reply: errorReply(0, 'Unknown property', id) };
      return { ok: { kind: 'getCombined', id } };
    }
  }
}
