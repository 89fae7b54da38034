import {
  clockOffsetFromSample,
  createSigner,
  InvalidParameterError,
  measureClockOffset,
  offsetClock,
  signRestParams,
  systemClock,
} from '@binance-mcp/signing';
import { describe, expect, it } from 'vitest';

describe('clock', () => {
  it('systemClock is Date.now()', () => {
    const before = Date.now();
    const now = systemClock();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('offsetClock adds the offset to its base clock', () => {
    expect(offsetClock(250, () => 1000)()).toBe(1250);
    expect(offsetClock(-1500.5, () => 1000)()).toBe(-500.5);
    expect(() => offsetClock(Number.NaN)).toThrow(InvalidParameterError);
    expect(() => offsetClock(1, 'x' as never)).toThrow(InvalidParameterError);
  });

  it('estimates the offset at the middle of the round trip', () => {
    expect(clockOffsetFromSample({ sentAt: 1000, serverTime: 2100, receivedAt: 1200 })).toEqual({
      offset: 1000,
      roundTrip: 200,
    });
    expect(() => clockOffsetFromSample({ sentAt: 2, serverTime: 1, receivedAt: 1 })).toThrow(/receivedAt/);
    expect(() => clockOffsetFromSample({ sentAt: 1, serverTime: Number.NaN, receivedAt: 1 })).toThrow(
      /serverTime/,
    );
  });

  it('measureClockOffset keeps the sample with the shortest round trip', async () => {
    // A scripted local clock and server: the server runs 5000 ms ahead; round trips of 100, 20, 60 ms.
    let now = 10_000;
    const trips = [100, 20, 60];
    let calls = 0;
    const clock = () => now;
    const getServerTime = async () => {
      const trip = trips[calls++]!;
      now += trip / 2;
      const serverTime = now + 5000;
      now += trip / 2;
      return serverTime;
    };
    const measured = await measureClockOffset(getServerTime, { clock, samples: 3 });
    expect(calls).toBe(3);
    expect(measured).toEqual({ offset: 5000, roundTrip: 20 });
  });

  it('measureClockOffset validates its inputs and passes server errors through', async () => {
    await expect(measureClockOffset(async () => Number.NaN, { samples: 1 })).rejects.toThrow(
      InvalidParameterError,
    );
    await expect(measureClockOffset(async () => 1, { samples: 0 })).rejects.toThrow(/samples/);
    const failure = new Error('HTTP 503');
    await expect(measureClockOffset(() => Promise.reject(failure))).rejects.toBe(failure);
  });

  it('an offset clock drives the signed timestamp', async () => {
    const signer = await createSigner({ apiKey: 'k', apiSecret: 's' });
    const clock = offsetClock(-2000, () => 1_700_000_002_000);
    expect((await signRestParams(signer, {}, { clock })).timestamp).toBe(1_700_000_000_000);
  });
});
