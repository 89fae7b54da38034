import { describe, expect, test } from 'vitest';
import { InvalidParameterError, parseStreamName, type StreamDescriptor, toStreamName } from '../src/index.js';

const cases: Array<[StreamDescriptor, string]> = [
  [{ type: 'trade', symbol: 'BTCUSDT' }, 'btcusdt@trade'],
  [{ type: 'aggTrade', symbol: 'BNBBTC' }, 'bnbbtc@aggTrade'],
  [{ type: 'blockTrade', symbol: 'BNBBTC' }, 'bnbbtc@blockTrade'],
  [{ type: 'kline', symbol: 'ETHUSDT', interval: '1M' }, 'ethusdt@kline_1M'],
  [{ type: 'kline', symbol: 'ETHUSDT', interval: '1m', timeZone: '+08:00' }, 'ethusdt@kline_1m@+08:00'],
  [{ type: 'miniTicker', symbol: 'BTCUSDT' }, 'btcusdt@miniTicker'],
  [{ type: 'miniTicker' }, '!miniTicker@arr'],
  [{ type: 'ticker', symbol: 'BTCUSDT' }, 'btcusdt@ticker'],
  [{ type: 'rollingTicker', window: '4h', symbol: 'BTCUSDT' }, 'btcusdt@ticker_4h'],
  [{ type: 'rollingTicker', window: '1d' }, '!ticker_1d@arr'],
  [{ type: 'bookTicker', symbol: 'BTCUSDT' }, 'btcusdt@bookTicker'],
  [{ type: 'avgPrice', symbol: 'BTCUSDT' }, 'btcusdt@avgPrice'],
  [{ type: 'referencePrice', symbol: 'BTCUSDT' }, 'btcusdt@referencePrice'],
  [{ type: 'depth', symbol: 'BTCUSDT', levels: 5, speed: 100 }, 'btcusdt@depth5@100ms'],
  [{ type: 'depth', symbol: 'BTCUSDT', levels: 20, speed: 1000 }, 'btcusdt@depth20'],
  [{ type: 'diffDepth', symbol: 'BTCUSDT', speed: 100 }, 'btcusdt@depth@100ms'],
  [{ type: 'diffDepth', symbol: 'BTCUSDT', speed: 1000 }, 'btcusdt@depth'],
  [{ type: 'trade', symbol: '这是测试币456' }, '这是测试币456@trade'],
];

describe('stream names', () => {
  test.each(cases)('%j ⇄ %s', (descriptor, name) => {
    expect(toStreamName(descriptor)).toBe(name);
    expect(parseStreamName(name)).toEqual(descriptor);
  });

  test('defaults: 20 levels and 1000 ms', () => {
    expect(toStreamName({ type: 'depth', symbol: 'btcusdt' })).toBe('btcusdt@depth20');
    expect(toStreamName({ type: 'diffDepth', symbol: 'btcusdt' })).toBe('btcusdt@depth');
    expect(parseStreamName('btcusdt@depth10@1000ms')).toEqual({
      type: 'depth',
      symbol: 'BTCUSDT',
      levels: 10,
      speed: 1000,
    });
  });

  test('names that are not market streams', () => {
    for (const name of [
      'BTCUSDT@trade',
      'btcusdt@trades',
      'btcusdt@kline_2m',
      'btcusdt@depth15',
      'btcusdt@depth@250ms',
      'btcusdt@kline_1m@+8',
      '!ticker@arr',
      'btcusdt',
      'btcusdt@trade@x',
    ]) {
      expect(parseStreamName(name), name).toBeNull();
    }
  });

  test('bad descriptors name the parameter, the value and what is allowed', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ type: 'candles', symbol: 'BTCUSDT' }, /Invalid stream.type: 'candles'; expected one of trade/],
      [{ type: 'kline', symbol: 'BTCUSDT', interval: '7m' }, /Invalid interval: '7m'/],
      [
        { type: 'kline', symbol: 'BTCUSDT', interval: '1m', timeZone: '+15:00' },
        /Invalid timeZone: '\+15:00'/,
      ],
      [{ type: 'rollingTicker', window: '2h' }, /Invalid window: '2h'; expected '1h', '4h' or '1d'/],
      [{ type: 'diffDepth', symbol: 'BTCUSDT', speed: 250 }, /Invalid speed: 250; expected 100 or 1000/],
      [{ type: 'trade', symbol: '' }, /Invalid symbol: ''/],
      [{ type: 'trade' }, /Invalid symbol: missing/],
    ];
    for (const [descriptor, message] of bad) {
      expect(() => toStreamName(descriptor as StreamDescriptor)).toThrow(InvalidParameterError);
      expect(() => toStreamName(descriptor as StreamDescriptor)).toThrow(message);
    }
  });
});
