import * as z from 'zod';
import { defineTool, READ_ONLY } from '../define.js';
import { symbolInput } from '../inputs.js';
import { pairs } from '../render.js';

const rates = z.object({ maker: z.string(), taker: z.string(), buyer: z.string(), seller: z.string() });

export const getCommissionRates = defineTool({
  name: 'get_commission_rates',
  toolset: 'account',
  title: 'Commission rates on a symbol',
  description:
    'The commission rates your account pays on one symbol, as decimals (0.001 = 0.1%): standard, special and tax rates (maker, taker, buyer, seller; a trade pays the sum that applies) and the BNB discount. Weight 20. get_account has the account-wide standard rates; test_order with computeCommissionRates gives the rates one particular order would pay.',
  input: z.strictObject({ symbol: symbolInput }),
  output: {
    symbol: z.string(),
    standard: rates,
    special: rates.optional(),
    tax: rates,
    discount: z.object({
      enabledForAccount: z.boolean(),
      enabledForSymbol: z.boolean(),
      discountAsset: z.string(),
      discount: z.string().describe('Share of the commission taken off when paid in discountAsset'),
    }),
  },
  annotations: READ_ONLY,
  async run({ symbol }, { binance, signal }) {
    const r = await binance.rest.commissionRates({ symbol }, { signal });
    return {
      symbol: r.symbol,
      standard: r.standardCommission,
      ...(r.specialCommission ? { special: r.specialCommission } : {}),
      tax: r.taxCommission,
      discount: r.discount,
    };
  },
  render(d) {
    const line = (name: string, r: z.output<typeof rates>) => `${name}: ${pairs(r)}`;
    return [
      `${d.symbol} commission rates (decimals; 0.001 = 0.1%)`,
      line('standard', d.standard),
      d.special ? line('special', d.special) : undefined,
      line('tax', d.tax),
      `discount: ${d.discount.discount} when paid in ${d.discount.discountAsset} (${
        d.discount.enabledForAccount && d.discount.enabledForSymbol ? 'enabled' : 'not enabled'
      })`,
    ]
      .filter((x) => x !== undefined)
      .join('\n');
  },
});
