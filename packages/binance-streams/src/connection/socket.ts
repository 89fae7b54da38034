// The WebSocket the client drives: the browser's, or `ws` in Node (through isomorphic-ws). Only
// this small interface is used, so any WHATWG-style WebSocket (or a test double) can be injected.

import IsomorphicWebSocket from 'isomorphic-ws';

export interface WebSocketMessageEventLike {
  data: unknown;
}

export interface WebSocketCloseEventLike {
  code: number;
  reason: string;
}

/** What the client needs from a WebSocket. `ping`, `terminate` and `on` exist on Node's `ws` only. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: WebSocketMessageEventLike) => void) | null;
  onclose: ((event: WebSocketCloseEventLike) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** Node (`ws`): sends a ping frame. Browsers cannot, so the client sends a LIST_SUBSCRIPTIONS instead. */
  ping?(data?: string): void;
  /** Node (`ws`): destroys the socket at once, without a closing handshake. */
  terminate?(): void;
  /** Node (`ws`): messages without the MessageEvent wrapper, and ping and pong frames (signs of life). */
  on?(event: 'ping' | 'pong' | 'message', listener: (data: unknown) => void): unknown;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export const defaultWebSocket = IsomorphicWebSocket as unknown as WebSocketConstructor;
