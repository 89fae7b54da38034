// One WebSocket API connection's session: the API key it logged on with (session.logon, Ed25519
// only, as documented) and its user-data stream subscriptions (userDataStream.subscribe after logon,
// or userDataStream.subscribe.signature with any key type), one per account.

import type { Account } from '../accounts/account.js';
import type { ApiKey } from '../accounts/api-keys.js';
import { type EventPayload, streamTerminated, type UserEvents } from '../trading/events.js';

export interface Subscription {
  readonly id: number;
  readonly account: Account;
  /** Made by userDataStream.subscribe (closed by session.logout) rather than .subscribe.signature. */
  readonly viaLogon: boolean;
  readonly stop: () => void;
}

/** Active subscriptions per connection, and subscription ids per connection's lifetime. */
export const MAX_ACTIVE_SUBSCRIPTIONS = 1000;
export const MAX_SUBSCRIPTION_IDS = 65_535;

export class Session {
  key: ApiKey | null = null;
  authorizedSince: number | null = null;
  readonly subscriptions = new Map<number, Subscription>();
  private nextId = 0;

  constructor(
    private readonly events: UserEvents,
    /** Sends `{"subscriptionId","event"}` to the client. */
    private readonly send: (subscriptionId: number, payload: EventPayload) => void,
  ) {}

  /** Status fields of session.logon / session.status / session.logout. */
  status(connectedSince: number, returnRateLimits: boolean, serverTime: number, t: (ms: number) => number) {
    return {
      apiKey: this.key?.apiKey ?? null,
      authorizedSince: this.authorizedSince === null ? null : t(this.authorizedSince),
      connectedSince: t(connectedSince),
      returnRateLimits,
      serverTime: t(serverTime),
      userDataStream: this.subscriptions.size > 0,
    };
  }

  isSubscribed(account: Account): boolean {
    for (const s of this.subscriptions.values()) if (s.account === account) return true;
    return false;
  }

  /** Starts a subscription; the caller checked the limits. */
  subscribe(account: Account, viaLogon: boolean): number {
    const id = this.nextId++;
    const stop = this.events.subscribe(account, (payload) => this.send(id, payload));
    this.subscriptions.set(id, { id, account, viaLogon, stop });
    return id;
  }

  get idsUsed(): number {
    return this.nextId;
  }

  /** Ends a subscription with `eventStreamTerminated`. */
  terminate(id: number, now: number): boolean {
    const sub = this.subscriptions.get(id);
    if (!sub) return false;
    sub.stop();
    this.subscriptions.delete(id);
    this.send(id, streamTerminated(now));
    return true;
  }

  /** Stops every subscription without a word (the connection is gone). */
  dispose(): void {
    for (const s of this.subscriptions.values()) s.stop();
    this.subscriptions.clear();
  }
}
