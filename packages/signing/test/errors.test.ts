// Named errors with one base class; `instanceof` holds across separately loaded copies of the package
// (as with its ESM and CJS builds side by side).

import * as signing from '@binance-mcp/signing';
import { describe, expect, it, vi } from 'vitest';

const { InvalidKeyError, InvalidParameterError, SigningError, UnsupportedRuntimeError, createSigner } =
  signing;

async function loadSecondCopy(): Promise<typeof signing> {
  vi.resetModules();
  const copy = (await import('../src/index.js')) as typeof signing;
  expect(copy.SigningError).not.toBe(SigningError);
  return copy;
}

describe('errors', () => {
  it('are named classes under SigningError and Error', async () => {
    const keyError = await createSigner({ apiKey: 'k', privateKey: 'nope' }).catch((e: unknown) => e);
    expect(keyError).toBeInstanceOf(InvalidKeyError);
    expect(keyError).toBeInstanceOf(SigningError);
    expect(keyError).toBeInstanceOf(Error);
    expect(keyError).not.toBeInstanceOf(InvalidParameterError);
    expect((keyError as Error).name).toBe('InvalidKeyError');

    const paramError = await createSigner({ apiKey: '', apiSecret: 's' }).catch((e: unknown) => e);
    expect(paramError).toBeInstanceOf(InvalidParameterError);
    expect((paramError as InstanceType<typeof InvalidParameterError>).parameter).toBe('apiKey');
    expect((paramError as Error).name).toBe('InvalidParameterError');

    const runtimeError = new UnsupportedRuntimeError('x');
    expect(runtimeError).toBeInstanceOf(SigningError);
    expect(runtimeError.name).toBe('UnsupportedRuntimeError');
  });

  it('instanceof works across two loaded copies of the package', async () => {
    const copy = await loadSecondCopy();
    const fromCopy = await copy.createSigner({ apiKey: 'k', privateKey: 'nope' }).catch((e: unknown) => e);
    expect(fromCopy).toBeInstanceOf(InvalidKeyError);
    expect(fromCopy).toBeInstanceOf(SigningError);
    expect(fromCopy).not.toBeInstanceOf(InvalidParameterError);
    const ours = new InvalidParameterError('p', 'm');
    expect(ours).toBeInstanceOf(copy.InvalidParameterError);
    expect(ours).toBeInstanceOf(copy.SigningError);
    expect(ours).not.toBeInstanceOf(copy.InvalidKeyError);
    expect(new Error('plain')).not.toBeInstanceOf(copy.SigningError);
    expect(null).not.toBeInstanceOf(copy.SigningError);
  });

  it("keeps ordinary instanceof for users' own subclasses", () => {
    class MyError extends SigningError {}
    expect(new MyError('x')).toBeInstanceOf(MyError);
    expect(new MyError('x')).toBeInstanceOf(SigningError);
    expect(new SigningError('x')).not.toBeInstanceOf(MyError);
    expect(new InvalidKeyError('MALFORMED', 'x')).not.toBeInstanceOf(MyError);
  });

  it('messages name the parameter, the value and what is allowed', async () => {
    const error = await createSigner({ apiKey: 'k', apiSecret: 's' }, { backend: 'openssl' as never }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as Error).message).toBe(`backend must be 'auto', 'node' or 'webcrypto'; got "openssl"`);
  });

  it('rejects malformed credentials before touching any key', async () => {
    const cases: [unknown, string][] = [
      [undefined, 'credentials'],
      [{ apiKey: 'k' }, 'credentials'],
      [{ apiKey: 'has space', apiSecret: 's' }, 'apiKey'],
      [{ apiKey: 'ключ', apiSecret: 's' }, 'apiKey'],
      [{ apiKey: 42, apiSecret: 's' }, 'apiKey'],
      [{ apiKey: 'k', apiSecret: 's', privateKeyPassphrase: 'p' }, 'privateKeyPassphrase'],
      [{ apiKey: 'k', privateKey: 'x', privateKeyPassphrase: 5 }, 'privateKeyPassphrase'],
    ];
    for (const [credentials, parameter] of cases) {
      const error = await createSigner(credentials as never).catch((e: unknown) => e);
      expect(error, parameter).toBeInstanceOf(InvalidParameterError);
      expect((error as InstanceType<typeof InvalidParameterError>).parameter).toBe(parameter);
    }
    const secret = await createSigner({ apiKey: 'k', apiSecret: '' }).catch((e: unknown) => e);
    expect((secret as InstanceType<typeof InvalidKeyError>).reason).toBe('INVALID_SECRET');
    const notString = await createSigner({ apiKey: 'k', privateKey: 42 as never }).catch((e: unknown) => e);
    expect((notString as InstanceType<typeof InvalidKeyError>).reason).toBe('MALFORMED');
  });

  it('sign() rejects a payload that is not a string', async () => {
    const signer = await createSigner({ apiKey: 'k', apiSecret: 's' });
    await expect(signer.sign(42 as never)).rejects.toThrow(InvalidParameterError);
  });
});
