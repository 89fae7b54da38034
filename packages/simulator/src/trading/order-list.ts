// An order list: OCO (two contingent legs), OTO (a working order and a pending one placed when the
// working order fills) and OTOCO (a working order and a pending OCO pair). Binance reports OTOCO with
// `contingencyType: "OTO"`.

import type { Account } from '../accounts/account.js';
import type { Order } from './order.js';

export type ListKind = 'OCO' | 'OTO' | 'OTOCO';
export type ListStatusType = 'RESPONSE' | 'EXEC_STARTED' | 'UPDATED' | 'ALL_DONE';
export type ListOrderStatus = 'EXECUTING' | 'ALL_DONE' | 'REJECT';

export class OrderList {
  listStatusType: ListStatusType = 'EXEC_STARTED';
  listOrderStatus: ListOrderStatus = 'EXECUTING';
  /** Legs in order id order. */
  readonly orders: Order[] = [];
  /** OTO / OTOCO: the working order; the other legs wait for it to fill. */
  working: Order | null = null;

  constructor(
    readonly account: Account,
    readonly symbol: string,
    readonly orderListId: number,
    readonly kind: ListKind,
    public listClientOrderId: string,
    public transactionTime: number,
  ) {}

  get contingencyType(): 'OCO' | 'OTO' {
    return this.kind === 'OCO' ? 'OCO' : 'OTO';
  }

  isOpen(): boolean {
    return this.listOrderStatus === 'EXECUTING';
  }

  /** The legs that still wait for the working order (OTO / OTOCO). */
  pending(): Order[] {
    return this.orders.filter((o) => o.status === 'PENDING_NEW');
  }

  /** The other open legs of an OCO pair (for OTOCO: the active pair once placed). */
  ocoPartners(order: Order): Order[] {
    if (this.kind === 'OTO') return [];
    return this.orders.filter(
      (o) => o !== order && o !== this.working && o.isOpen() && o.status !== 'PENDING_NEW',
    );
  }
}
