// The WebSocket API endpoint (/ws-api/v3). Its methods (session.logon, userDataStream.subscribe, order
// placement…) are not simulated yet: every request gets a well-formed WebSocket-API error response,
// so clients fail fast and clearly instead of hanging.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

export class WsApiServer {
  private readonly wss = new WebSocketServer({ noServer: true });

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws));
  }

  private serve(ws: WebSocket): void {
    ws.on('message', (data) => {
      let id: unknown = null;
      try {
        const parsed: unknown = JSON.parse(data.toString());
        if (parsed && typeof parsed === 'object' && 'id' in parsed) id = (parsed as { id: unknown }).id;
      } catch {
        // Not JSON: answered below with a null id.
      }
      ws.send(
        JSON.stringify({
          id,
          status: 400,
          error: { code: -1020, msg: 'This operation is not supported.' },
        }),
      );
    });
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}
