// Authenticates a signed request (REST or WebSocket API) in Binance's order of checks: the API key's
// format (-2014) and existence (-2015), timestamp and recvWindow syntax, the signature (-1022), the
// timing window (-1021), then the key's permission for the endpoint (-2015).

import { API_KEY_PATTERN, type ApiKey } from '../accounts/api-keys.js';
import type { Accounts } from '../accounts/registry.js';
import { errors } from '../rest/errors.js';
import type { Params } from '../rest/params.js';
import { verifySignature } from './signature.js';
import { checkTiming, readTiming } from './timing.js';

/** Binance's security types of signed endpoints. */
export type Security = 'USER_DATA' | 'TRADE' | 'USER_STREAM';

export interface SignedRequest {
  /** The `X-MBX-APIKEY` header (REST) or the `apiKey` parameter (WebSocket API). */
  apiKey: string | undefined;
  params: Params;
  /** The exact string the client had to sign. */
  payload: () => string;
  now: number;
  security: Security;
}

export function authenticate(accounts: Accounts, request: SignedRequest): ApiKey {
  const { apiKey, params } = request;
  if (apiKey === undefined || !API_KEY_PATTERN.test(apiKey)) throw errors.badApiKeyFormat();
  const key = accounts.key(apiKey);
  if (!key) throw errors.rejectedApiKey();
  const timing = readTiming(params);
  const signature = params.requiredString('signature');
  if (!verifySignature(key, request.payload(), signature)) throw errors.badSignature();
  checkTiming(timing, request.now);
  if (request.security === 'TRADE' && !key.canTrade) throw errors.rejectedApiKey();
  return key;
}

/**
 * A request on a WebSocket API session that logged on: no `apiKey` or `signature`, but `timestamp`
 * and `recvWindow` are still checked.
 */
export function authenticateSession(key: ApiKey, params: Params, now: number, security: Security): ApiKey {
  checkTiming(readTiming(params), now);
  if (security === 'TRADE' && !key.canTrade) throw errors.rejectedApiKey();
  return key;
}
