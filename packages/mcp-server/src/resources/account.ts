// The account at a glance, for the client to attach: non-zero balances (free, locked, total), whether
// the account can trade, its permissions and commission rates. Registered only with credentials.

import { addDecimals } from '@binance-mcp/rest';
import type { McpServer } from '@modelcontextprotocol/server';
import type { BinanceContext } from '../context.js';
import { upstreamError } from './market.js';

export function registerAccountResource(server: McpServer, binance: BinanceContext): void {
  if (!binance.signer) return;
  server.registerResource(
    'account',
    'binance://account',
    {
      title: 'Account balances (summary)',
      description:
        'Your account in brief: non-zero balances (free, locked, total), whether it can trade, withdraw and deposit, permissions and commission rates. For filters and extras use the get_account tool.',
      mimeType: 'application/json',
    },
    async (uri) => {
      try {
        const account = await binance.rest.account({ omitZeroBalances: true });
        const doc = {
          environment: binance.environment,
          accountType: account.accountType,
          canTrade: account.canTrade,
          canWithdraw: account.canWithdraw,
          canDeposit: account.canDeposit,
          permissions: account.permissions,
          commission: account.commissionRates,
          updateTime: account.updateTime,
          balances: account.balances.map((b) => ({
            asset: b.asset,
            free: b.free,
            locked: b.locked,
            total: addDecimals(b.free, b.locked),
          })),
        };
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(doc) }] };
      } catch (error) {
        throw upstreamError(binance, uri.href, error);
      }
    },
  );
}
