// What the REST server received, for tests that check what a client sent (query encoding, headers)
// and how often it called each path.

import type { IncomingHttpHeaders } from 'node:http';

/** One received REST request. */
export interface RequestRecord {
  method: string;
  /** Path without the query string, as received (not decoded). */
  path: string;
  /** Raw query string (without '?'), as received. */
  query: string;
  /** Raw request body (form-encoded parameters of POST, PUT and DELETE), as received. */
  body: string;
  /** Server time (ms) of arrival. */
  time: number;
  headers: IncomingHttpHeaders;
  /** HTTP status answered (0 when the connection was dropped by a fault). */
  status: number;
  /** Weight charged (0 when none). */
  weight: number;
}

const KEEP = 1000;

export class RequestLog {
  private records: RequestRecord[] = [];
  private readonly counts = new Map<string, number>();

  record(r: Omit<RequestRecord, 'status' | 'weight'>): RequestRecord {
    const entry: RequestRecord = { ...r, status: 0, weight: 0 };
    this.records.push(entry);
    if (this.records.length > KEEP * 2) this.records = this.records.slice(-KEEP);
    this.counts.set(r.path, (this.counts.get(r.path) ?? 0) + 1);
    return entry;
  }

  /** The most recent requests (up to 1000), oldest first. */
  list(): RequestRecord[] {
    return this.records.slice(-KEEP);
  }

  /** Requests received per path since start (or the last reset). */
  countsByPath(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.records = [];
    this.counts.clear();
  }
}
