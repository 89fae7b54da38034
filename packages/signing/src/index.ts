// The public surface of @binance-mcp/signing. Nothing else is exported.

export {
  type Clock,
  type ClockOffset,
  clockOffsetFromSample,
  type MeasureClockOffsetOptions,
  measureClockOffset,
  offsetClock,
  type ServerTimeSample,
  systemClock,
} from './clock.js';
export type { CryptoBackendName } from './crypto/backend.js';
export type { BackendChoice } from './crypto/select.js';
export {
  InvalidKeyError,
  type InvalidKeyReason,
  InvalidParameterError,
  SigningError,
  UnsupportedRuntimeError,
} from './errors.js';
export {
  encodeRestParams,
  type RestRequestParams,
  type SignedRestRequest,
  signRestParams,
} from './payload/rest.js';
export type { SignOptions } from './payload/shared.js';
export { MAX_RECV_WINDOW, type TimestampOptions, type TimestampUnit } from './payload/timing.js';
export type { JsonParamValue, Params, ParamValue } from './payload/values.js';
export {
  type JsonValue,
  type SignedWsApiParams,
  signWsApiParams,
  type WsApiSignOptions,
} from './payload/ws-api.js';
export {
  type CreateSignerOptions,
  type Credentials,
  createSigner,
  type HmacCredentials,
  type KeyType,
  type LocalSigner,
  type PrivateKeyCredentials,
  type Signer,
} from './signer.js';
