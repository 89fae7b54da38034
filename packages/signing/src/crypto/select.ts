// Which backend a signer uses. `auto` prefers `node:crypto` where the runtime offers it (faster, and
// synchronous HMAC), and Web Crypto everywhere else.

import { describeValue, InvalidParameterError, UnsupportedRuntimeError } from '../errors.js';
import type { CryptoBackend, CryptoBackendName } from './backend.js';
import { loadNodeBackend } from './node.js';
import { loadWebBackend } from './web.js';

export type BackendChoice = 'auto' | CryptoBackendName;

let nodeBackend: CryptoBackend | undefined | null = null;
let webBackend: CryptoBackend | undefined | null = null;

function node(): CryptoBackend | undefined {
  if (nodeBackend === null) nodeBackend = loadNodeBackend();
  return nodeBackend;
}

function web(): CryptoBackend | undefined {
  if (webBackend === null) webBackend = loadWebBackend();
  return webBackend;
}

/**
 * What `auto` falls back to when `backend` turns out to lack something a key needs: Web Crypto, when
 * `backend` is node:crypto and Web Crypto is there.
 */
export function fallbackBackend(backend: CryptoBackend): CryptoBackend | undefined {
  return backend.name === 'node' ? web() : undefined;
}

export function selectBackend(choice: BackendChoice): CryptoBackend {
  switch (choice) {
    case 'auto': {
      const backend = node() ?? web();
      if (backend) return backend;
      throw new UnsupportedRuntimeError(
        'no crypto available: this runtime has neither node:crypto (process.getBuiltinModule) nor Web Crypto ' +
          '(globalThis.crypto.subtle; browsers only expose it on https:// pages and localhost)',
      );
    }
    case 'node': {
      const backend = node();
      if (backend) return backend;
      throw new UnsupportedRuntimeError(
        "backend 'node' needs node:crypto through process.getBuiltinModule (Node.js 20.16+); use 'webcrypto' or 'auto'",
      );
    }
    case 'webcrypto': {
      const backend = web();
      if (backend) return backend;
      throw new UnsupportedRuntimeError(
        "backend 'webcrypto' needs globalThis.crypto.subtle (browsers only expose it on https:// pages and localhost)",
      );
    }
    default:
      throw new InvalidParameterError(
        'backend',
        `backend must be 'auto', 'node' or 'webcrypto'; got ${describeValue(choice)}`,
      );
  }
}
