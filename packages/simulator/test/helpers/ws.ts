// A tiny `ws` client for tests: collects every message and waits for the ones a test needs.

import WebSocket from 'ws';

export interface Received {
  data: unknown;
  text: string;
  at: number;
}

export class TestClient {
  readonly messages: Received[] = [];
  readonly pings: string[] = [];
  closeCode: number | null = null;
  closeReason = '';
  private waiters: Array<() => void> = [];
  private readonly closed: Promise<void>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const text = raw.toString();
      let data: unknown = text;
      try {
        data = JSON.parse(text);
      } catch {
        // keep text
      }
      this.messages.push({ data, text, at: Date.now() });
      this.wake();
    });
    ws.on('ping', (payload) => {
      this.pings.push(payload.toString());
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        this.wake();
        resolve();
      });
    });
    ws.on('error', () => {});
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves once `check` returns a value (checked on every message, ping and close), or rejects after `timeoutMs`. */
  async until<T>(check: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined && v !== false) return v as T;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what} (${this.messages.length} messages)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first message (from index `from`) matching `pred`. */
  async next(pred: (data: unknown) => boolean, timeoutMs = 5000, from = 0): Promise<unknown> {
    return this.until(
      () => this.messages.slice(from).find((m) => pred(m.data))?.data,
      timeoutMs,
      'a matching message',
    );
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Sends a control request and waits for the reply with the same id. */
  async request(message: { id: unknown } & Record<string, unknown>, timeoutMs = 3000): Promise<unknown> {
    const from = this.messages.length;
    this.send(message);
    return this.next(
      (d) =>
        typeof d === 'object' &&
        d !== null &&
        'id' in d &&
        (d as { id: unknown }).id === message.id &&
        ('result' in d || 'error' in d),
      timeoutMs,
      from,
    );
  }

  async waitClose(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    await Promise.race([
      this.closed,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('timed out waiting for close')), timeoutMs),
      ),
    ]);
    return { code: this.closeCode!, reason: this.closeReason };
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }
}

export async function connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
  const ws = new WebSocket(url, options);
  const client = new TestClient(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return client;
}

export const isObject = (d: unknown): d is Record<string, unknown> =>
  typeof d === 'object' && d !== null && !Array.isArray(d);
