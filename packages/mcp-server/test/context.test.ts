// The shared context: the embedded simulator, credentials registered there (or a demo account when none
// are given), and signed requests that work with them.

import { generateKeyPairSync } from 'node:crypto';
import { defineEndpoint } from '@binance-mcp/rest';
import { createBinanceContext, SIMULATOR_DEMO_BALANCES } from 'binance-mcp';
import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { configFrom } from './helpers.js';

// GET /api/v3/account, defined here: the signed endpoints of @binance-mcp/rest come in its next release.
const account = defineEndpoint({
  name: 'account',
  method: 'GET',
  path: '/api/v3/account',
  security: 'USER_DATA',
  description: 'Balances.',
  dataSource: 'Memory',
  marketDataHost: false,
  params: z.strictObject({ omitZeroBalances: z.boolean().optional() }),
  response: z.looseObject({
    balances: z.array(z.object({ asset: z.string(), free: z.string(), locked: z.string() })),
  }),
  weight: () => 20,
});

async function balancesWith(env: Record<string, string>) {
  const context = await createBinanceContext(configFrom(env, ['--simulator']), {
    simulatorOptions: { symbols: 10 },
  });
  try {
    const result = await context.rest.request(account, { omitZeroBalances: true });
    return {
      source: context.credentialsSource,
      toolsets: context.config.toolsets,
      balances: Object.fromEntries(result.balances.map((b) => [b.asset, b.free])),
    };
  } finally {
    await context.close();
  }
}

describe('--simulator and credentials', () => {
  test('no keys: a demo account is opened in the simulator, and the account toolset is on', async () => {
    const result = await balancesWith({});
    expect(result.source).toBe('simulator-demo-account');
    expect(result.toolsets).toEqual(['market', 'streams', 'account']);
    for (const [asset, amount] of Object.entries(SIMULATOR_DEMO_BALANCES)) {
      expect(Number(result.balances[asset])).toBe(Number(amount));
    }
  });

  test('an HMAC key given with --simulator is registered there and signs', async () => {
    const result = await balancesWith({
      BINANCE_API_KEY: 'mykey123',
      BINANCE_API_SECRET: 'mysecret-0123456789',
    });
    expect(result.source).toBe('configuration');
    expect(Number(result.balances.USDT)).toBe(10000);
  });

  test('an Ed25519 or RSA private key is registered by its public half', async () => {
    for (const type of ['ed25519', 'rsa'] as const) {
      const { privateKey } = generateKeyPairSync(
        type as 'ed25519',
        {
          ...(type === 'rsa' ? { modulusLength: 2048 } : {}),
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        } as never,
      ) as unknown as { privateKey: string };
      const result = await balancesWith({ BINANCE_API_KEY: `key${type}`, BINANCE_PRIVATE_KEY: privateKey });
      expect(result.source).toBe('configuration');
      expect(Number(result.balances.BTC)).toBe(0.1);
    }
  });
});
