// Encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`): PBES2 (RFC 8018) with PBKDF2 and AES-CBC, which is what
// `openssl pkcs8 -topk8 -v2 aes-256-cbc`, `openssl genpkey -aes256` and Node's
// `privateKeyEncoding: { cipher: 'aes-256-cbc', passphrase }` produce, and what Web Crypto can decrypt.

import type { AesKeyLength, PbkdfHash } from '../crypto/backend.js';
import { InvalidKeyError } from '../errors.js';
import {
  children,
  type DerElement,
  DerError,
  decodeOid,
  decodeSmallInteger,
  expectTag,
  readDer,
  Tag,
} from './der.js';

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';

const PRF: Readonly<Record<string, PbkdfHash>> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};

const AES_CBC: Readonly<Record<string, AesKeyLength>> = {
  '2.16.840.1.101.3.4.1.2': 16,
  '2.16.840.1.101.3.4.1.22': 24,
  '2.16.840.1.101.3.4.1.42': 32,
};

/** Schemes seen in the wild that this package does not decrypt, by OID. */
const OTHER_SCHEMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.5.3': 'PBES1 (MD5, DES)',
  '1.2.840.113549.1.5.10': 'PBES1 (SHA-1, DES)',
  '1.2.840.113549.1.12.1.3': 'PKCS#12 PBE (SHA-1, 3DES)',
  '1.2.840.113549.1.12.1.6': 'PKCS#12 PBE (SHA-1, RC2)',
  '1.3.6.1.4.1.11591.4.11': 'scrypt',
  '1.2.840.113549.3.7': 'DES-EDE3-CBC',
  '1.3.14.3.2.7': 'DES-CBC',
  '1.2.840.113549.2.8': 'hmacWithSHA224',
};

const HOW_TO_FIX =
  'supported: PBES2 with PBKDF2 (HMAC-SHA1/256/384/512) and AES-128/192/256-CBC; ' +
  're-encrypt with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-aes.pem`';

export interface EncryptedPrivateKey {
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly keyLength: AesKeyLength;
  readonly hash: PbkdfHash;
  readonly iv: Uint8Array;
  readonly encryptedData: Uint8Array;
}

function unsupported(oid: string): InvalidKeyError {
  const name = OTHER_SCHEMES[oid] ?? oid;
  return new InvalidKeyError('UNSUPPORTED_ENCRYPTION', `privateKey is encrypted with ${name}; ${HOW_TO_FIX}`);
}

function algorithmOf(
  element: DerElement | undefined,
  what: string,
): { oid: string; params: DerElement | undefined } {
  const [oid, params] = children(expectTag(element, Tag.SEQUENCE, what));
  return { oid: decodeOid(expectTag(oid, Tag.OID, what)), params };
}

/** Parses an `EncryptedPrivateKeyInfo`. Throws `InvalidKeyError` (`MALFORMED` or `UNSUPPORTED_ENCRYPTION`). */
export function parseEncryptedPrivateKeyInfo(der: Uint8Array): EncryptedPrivateKey {
  try {
    const [algorithm, data] = children(expectTag(readDer(der), Tag.SEQUENCE, 'EncryptedPrivateKeyInfo'));
    const scheme = algorithmOf(algorithm, 'encryptionAlgorithm');
    if (scheme.oid !== PBES2) throw unsupported(scheme.oid);
    const [kdfElement, cipherElement] = children(expectTag(scheme.params, Tag.SEQUENCE, 'PBES2-params'));

    const kdf = algorithmOf(kdfElement, 'keyDerivationFunc');
    if (kdf.oid !== PBKDF2) throw unsupported(kdf.oid);
    const kdfFields = children(expectTag(kdf.params, Tag.SEQUENCE, 'PBKDF2-params'));
    const salt = expectTag(kdfFields[0], Tag.OCTET_STRING, 'PBKDF2 salt').value;
    const iterations = decodeSmallInteger(kdfFields[1], 'PBKDF2 iteration count');
    if (iterations < 1) throw new DerError('PBKDF2 iteration count must be at least 1');
    let rest = kdfFields.slice(2);
    let declaredKeyLength: number | undefined;
    if (rest[0]?.tag === Tag.INTEGER) {
      declaredKeyLength = decodeSmallInteger(rest[0], 'PBKDF2 key length');
      rest = rest.slice(1);
    }
    let hash: PbkdfHash = 'SHA-1'; // RFC 8018: the PRF defaults to hmacWithSHA1
    if (rest[0] !== undefined) {
      const prf = algorithmOf(rest[0], 'PBKDF2 prf');
      const known = PRF[prf.oid];
      if (known === undefined) throw unsupported(prf.oid);
      hash = known;
    }

    const cipher = algorithmOf(cipherElement, 'encryptionScheme');
    const keyLength = AES_CBC[cipher.oid];
    if (keyLength === undefined) throw unsupported(cipher.oid);
    const iv = expectTag(cipher.params, Tag.OCTET_STRING, 'AES-CBC IV').value;
    if (iv.length !== 16) throw new DerError('the AES-CBC IV must be 16 bytes');
    if (declaredKeyLength !== undefined && declaredKeyLength !== keyLength) {
      throw new DerError('the PBKDF2 key length does not match the AES key size');
    }

    const encryptedData = expectTag(data, Tag.OCTET_STRING, 'encryptedData').value;
    if (encryptedData.length === 0 || encryptedData.length % 16 !== 0) {
      throw new DerError('the encrypted data is not a whole number of AES blocks');
    }
    return { salt, iterations, keyLength, hash, iv, encryptedData };
  } catch (error) {
    if (error instanceof DerError) {
      throw new InvalidKeyError(
        'MALFORMED',
        `privateKey is not a valid encrypted PKCS#8 key: ${error.message}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
