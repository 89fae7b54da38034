// What an order and an order list can execute, in the quote asset: each basis (quoteOrderQty, price,
// stopPrice, the last price), exact decimals, the last price fetched only when needed and once per
// call, and the most a list can execute for OCO, OTO and OTOCO.

import { orderListNotional, orderNotional, ValidationError } from '@binance-mcp/rest';
import { describe, expect, test } from 'vitest';

/** A last-price source that counts its calls. */
function counting(price: string) {
  const source = async () => {
    source.calls++;
    return price;
  };
  source.calls = 0;
  return source;
}

describe('orderNotional', () => {
  test('quoteOrderQty first, then price, then stopPrice, each times the quantity, exactly', async () => {
    const last = counting('1');
    expect(await orderNotional({ quoteOrderQty: '250.500', quantity: '9' }, last)).toEqual({
      notional: '250.5',
      basis: 'quoteOrderQty',
    });
    expect(await orderNotional({ price: '0.10000000', quantity: '0.3' }, last)).toEqual({
      notional: '0.03',
      basis: 'price × quantity',
    });
    expect(await orderNotional({ price: '65000.01', stopPrice: '1', quantity: '0.00123' }, last)).toEqual({
      notional: '79.9500123',
      basis: 'price × quantity',
    });
    expect(await orderNotional({ stopPrice: '60000', quantity: '0.002' }, last)).toEqual({
      notional: '120',
      basis: 'stopPrice × quantity',
    });
    expect(last.calls).toBe(0);
  });

  test('a MARKET order by quantity: the last price, fetched only then; numbers are read as written', async () => {
    const last = counting('68000.50');
    expect(await orderNotional({ quantity: 0.002 }, last)).toEqual({
      notional: '136.001',
      basis: 'last price 68000.50 × quantity',
    });
    expect(last.calls).toBe(1);
    expect(await orderNotional({ quantity: '1e-7' as string }, '1').catch((e: unknown) => e)).toBeInstanceOf(
      ValidationError,
    );
    expect(await orderNotional({ quantity: 1e-7 }, '2')).toEqual({
      notional: '0.0000002',
      basis: 'last price 2 × quantity',
    });
  });

  test('neither quantity nor quoteOrderQty: unknown', async () => {
    expect(await orderNotional({ price: '1' }, '1')).toBeUndefined();
  });
});

describe('orderListNotional', () => {
  test('OCO: the dearer leg (only one can work), the shared quantity', async () => {
    const last = counting('65000');
    expect(
      await orderListNotional(
        'OCO',
        {
          side: 'SELL',
          quantity: '0.01',
          aboveType: 'LIMIT_MAKER',
          abovePrice: '70000',
          belowStopPrice: '60000',
        },
        last,
      ),
    ).toEqual({ notional: '700', basis: 'price × quantity' });
    expect(last.calls).toBe(0);
  });

  test('OTO: both orders, a MARKET pending leg at the last price', async () => {
    const last = counting('100');
    expect(
      await orderListNotional(
        'OTO',
        {
          workingType: 'LIMIT',
          workingPrice: '99',
          workingQuantity: '2',
          pendingType: 'MARKET',
          pendingQuantity: '2',
        },
        last,
      ),
    ).toEqual({ notional: '398', basis: 'price × quantity + last price 100 × quantity' });
    expect(last.calls).toBe(1);
  });

  test('OTOCO: the working order plus the dearer pending leg; the last price asked once for both', async () => {
    const last = counting('10');
    expect(
      await orderListNotional(
        'OTOCO',
        {
          workingPrice: '9',
          workingQuantity: '3',
          pendingQuantity: '3',
          pendingAboveType: 'TAKE_PROFIT',
          pendingBelowType: 'STOP_LOSS',
        },
        last,
      ),
    ).toEqual({ notional: '57', basis: 'price × quantity + last price 10 × quantity' });
    expect(last.calls).toBe(1);
    expect(
      await orderListNotional(
        'OTOCO',
        {
          workingPrice: '9',
          workingQuantity: '3',
          pendingQuantity: '3',
          pendingAbovePrice: '12',
          pendingBelowStopPrice: '8',
        },
        '10',
      ),
    ).toEqual({ notional: '63', basis: 'price × quantity + price × quantity' });
  });

  test('a leg without a quantity: unknown; a contingency that is not one: ValidationError', async () => {
    expect(await orderListNotional('OTO', { workingPrice: '1', workingQuantity: '1' }, '1')).toBeUndefined();
    await expect(orderListNotional('OPO' as 'OCO', {}, '1')).rejects.toMatchObject({
      name: 'ValidationError',
      parameter: 'contingency',
      value: 'OPO',
    });
  });
});
