// From what a user passes as `privateKey` (PEM text, PEM bytes or DER bytes, maybe encrypted) to an
// unencrypted PKCS#8 key of a known type. Errors say what was found and how to fix it, never the key.

import type { CryptoBackend } from '../crypto/backend.js';
import { decodeUtf8, encodeUtf8 } from '../encoding/utf8.js';
import { InvalidKeyError, InvalidParameterError } from '../errors.js';
import { parseEncryptedPrivateKeyInfo } from './pbes2.js';
import { parsePem } from './pem.js';
import { classifyDer, type PrivateKeyInfo, parsePrivateKeyInfo } from './pkcs8.js';

const GENERATE_HINT =
  'generate a key with `openssl genpkey -algorithm ed25519 -out key.pem` (or `-algorithm RSA -pkeyopt rsa_keygen_bits:2048`)';

interface KeyBytes {
  readonly der: Uint8Array;
  readonly encrypted: boolean;
}

function fromPemText(text: string): KeyBytes {
  const blocks = parsePem(text);
  const keys = blocks.filter((b) => b.label === 'PRIVATE KEY' || b.label === 'ENCRYPTED PRIVATE KEY');
  if (keys.length > 1) {
    throw new InvalidKeyError('MALFORMED', `privateKey holds ${keys.length} private keys; pass exactly one`);
  }
  const [key] = keys;
  if (key) {
    if (key.der === undefined) {
      throw new InvalidKeyError('MALFORMED', `privateKey's "${key.label}" PEM block is not valid base64`);
    }
    return { der: key.der, encrypted: key.label === 'ENCRYPTED PRIVATE KEY' };
  }
  const labels = new Set(blocks.map((b) => b.label));
  if (labels.has('RSA PRIVATE KEY')) {
    throw new InvalidKeyError(
      'NOT_PKCS8',
      'privateKey is a PKCS#1 "RSA PRIVATE KEY"; Binance and this package use PKCS#8: convert it with ' +
        '`openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem` (or `-v2 aes-256-cbc` to encrypt it)',
    );
  }
  if (labels.has('EC PRIVATE KEY')) {
    throw new InvalidKeyError(
      'UNSUPPORTED_KEY_TYPE',
      `privateKey is an EC key; Binance accepts RSA and Ed25519 keys: ${GENERATE_HINT}`,
    );
  }
  if (labels.has('DSA PRIVATE KEY')) {
    throw new InvalidKeyError(
      'UNSUPPORTED_KEY_TYPE',
      `privateKey is a DSA key; Binance accepts RSA and Ed25519 keys: ${GENERATE_HINT}`,
    );
  }
  if (labels.has('OPENSSH PRIVATE KEY')) {
    throw new InvalidKeyError('NOT_PKCS8', `privateKey is an OpenSSH key, not PKCS#8 PEM: ${GENERATE_HINT}`);
  }
  if (labels.has('PUBLIC KEY') || labels.has('RSA PUBLIC KEY') || labels.has('CERTIFICATE')) {
    throw new InvalidKeyError(
      'PUBLIC_KEY',
      'privateKey holds a public key or certificate; pass the private key (the public key is what you register with Binance)',
    );
  }
  if (blocks.length > 0) {
    const found = [...labels].map((l) => `"${l}"`).join(', ');
    throw new InvalidKeyError('MALFORMED', `privateKey has no "PRIVATE KEY" PEM block (found ${found})`);
  }
  throw new InvalidKeyError(
    'MALFORMED',
    'privateKey is not a PEM key: expected text with a "-----BEGIN PRIVATE KEY-----" block (if you passed a file ' +
      "path, read the file first: readFileSync(path, 'utf8'))",
  );
}

function fromBytes(bytes: Uint8Array): KeyBytes {
  if (bytes[0] === 0x30) {
    const kind = classifyDer(bytes);
    switch (kind) {
      case 'private-key-info':
        return { der: bytes, encrypted: false };
      case 'encrypted-private-key-info':
        return { der: bytes, encrypted: true };
      case 'public-key':
        throw new InvalidKeyError(
          'PUBLIC_KEY',
          'privateKey holds a DER public key or certificate; pass the private key',
        );
      case 'pkcs1':
        throw new InvalidKeyError(
          'NOT_PKCS8',
          'privateKey is a PKCS#1 RSA key in DER; convert it to PKCS#8 with `openssl pkcs8 -topk8 -nocrypt -inform DER -in key.der -out key.pem`',
        );
      case 'sec1':
        throw new InvalidKeyError(
          'UNSUPPORTED_KEY_TYPE',
          `privateKey is an EC key; Binance accepts RSA and Ed25519 keys: ${GENERATE_HINT}`,
        );
      case 'unknown':
        throw new InvalidKeyError('MALFORMED', 'privateKey bytes are neither PEM text nor a DER PKCS#8 key');
    }
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    throw new InvalidKeyError('MALFORMED', 'privateKey bytes are neither PEM text nor a DER PKCS#8 key');
  }
  return fromPemText(text);
}

async function decrypt(
  der: Uint8Array,
  passphrase: string | undefined,
  backend: CryptoBackend,
): Promise<Uint8Array> {
  const encrypted = parseEncryptedPrivateKeyInfo(der);
  if (passphrase === undefined) {
    throw new InvalidKeyError(
      'PASSPHRASE_REQUIRED',
      'privateKey is encrypted; pass its passphrase as privateKeyPassphrase',
    );
  }
  const wrong = () =>
    new InvalidKeyError('WRONG_PASSPHRASE', 'privateKey could not be decrypted: the passphrase is wrong');
  const key = await backend.pbkdf2(
    encodeUtf8(passphrase),
    encrypted.salt,
    encrypted.iterations,
    encrypted.keyLength,
    encrypted.hash,
  );
  const plain = await backend.aesCbcDecrypt(key, encrypted.iv, encrypted.encryptedData);
  // A wrong key almost always breaks the PKCS#7 padding; when it does not (about 1 in 256), the
  // plaintext is not a PrivateKeyInfo.
  if (plain === undefined || classifyDer(plain) !== 'private-key-info') throw wrong();
  return plain;
}

/**
 * Turns `privateKey` (+ passphrase) into an unencrypted PKCS#8 key whose type is read from its
 * AlgorithmIdentifier. Throws `InvalidKeyError` for anything unusable.
 */
export async function loadPrivateKey(
  privateKey: unknown,
  passphrase: unknown,
  backend: CryptoBackend,
): Promise<PrivateKeyInfo> {
  if (passphrase !== undefined && typeof passphrase !== 'string') {
    throw new InvalidParameterError(
      'privateKeyPassphrase',
      `privateKeyPassphrase must be a string; got ${typeof passphrase === 'object' ? 'an object' : typeof passphrase}`,
    );
  }
  let bytes: KeyBytes;
  if (typeof privateKey === 'string') bytes = fromPemText(privateKey);
  else if (privateKey instanceof Uint8Array) bytes = fromBytes(privateKey);
  else {
    throw new InvalidKeyError(
      'MALFORMED',
      `privateKey must be a PEM string or a Uint8Array (PEM text or DER); got ${privateKey === null ? 'null' : typeof privateKey === 'object' ? 'an object' : typeof privateKey}`,
    );
  }
  const der = bytes.encrypted ? await decrypt(bytes.der, passphrase, backend) : bytes.der;
  return parsePrivateKeyInfo(der);
}
