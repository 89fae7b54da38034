// Binance's error payload `{"code":…,"msg":…}` with the HTTP status it comes with.

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** Seconds for the `Retry-After` header (429 / 418). */
  retryAfter: number | undefined;
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
    /** Extra detail Binance sends with some errors (cancelReplace's outcome): REST puts it next to code and msg. */
    readonly data?: unknown,
  ) {
    super(msg);
  }

  body(): { code: number; msg: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, msg: this.message }
      : { code: this.code, msg: this.message, data: this.data };
  }
}

const bad = (code: number, msg: string) => new ApiError(400, code, msg);
const unauthorized = (code: number, msg: string) => new ApiError(401, code, msg);

export const errors = {
  illegalChars: (param: string, range: string) =>
    bad(-1100, `Illegal characters found in parameter '${param}'; legal range is '${range}'.`),
  duplicateParam: () => bad(-1101, 'Duplicate values for a parameter detected.'),
  tooManyValues: (param: string, max: number) =>
    bad(-1101, `Too many values sent for parameter '${param}', maximum allowed up to ${max}.`),
  mandatory: (param: string) =>
    bad(-1102, `Mandatory parameter '${param}' was not sent, was empty/null, or malformed.`),
  eitherMandatory: (a: string, b: string) =>
    bad(-1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  unreadParams: (read: number, sent: number) =>
    bad(-1104, `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${sent}'.`),
  empty: (param: string) => bad(-1105, `Parameter '${param}' was empty.`),
  notRequired: (param: string) => bad(-1106, `Parameter '${param}' sent when not required.`),
  badInterval: () => bad(-1120, 'Invalid interval.'),
  badSymbol: () => bad(-1121, 'Invalid symbol.'),
  badSymbolStatus: () => bad(-1122, 'Invalid symbolStatus.'),
  badCombination: () => bad(-1128, 'Combination of optional parameters invalid.'),
  invalidParam: (param: string) => bad(-1130, `Data sent for parameter '${param}' is not valid.`),
  invalidJson: (param: string) => bad(-1135, `JSON sent for parameter '${param}' is not valid`),
  badTickerType: () => bad(-1139, 'Invalid ticker type.'),
  duplicateSymbols: () => bad(-1151, 'Symbol is present multiple times in the list.'),
  tooMuchPrecision: (param: string) => bad(-1111, `Parameter '${param}' has too much precision.`),
  tifNotRequired: () => bad(-1114, 'TimeInForce parameter sent when not required.'),
  badTimeInForce: () => bad(-1115, 'Invalid timeInForce.'),
  badOrderType: () => bad(-1116, 'Invalid orderType.'),
  badSide: () => bad(-1117, 'Invalid side.'),
  moreThan24Hours: () => bad(-1127, 'More than 24 hours between startTime and endTime.'),
  badStrategyType: () => bad(-1134, '`strategyType` was less than 1000000.'),
  badCancelRestrictions: () => bad(-1145, 'Invalid cancelRestrictions'),
  badPegPriceType: () => bad(-1210, 'Invalid pegPriceType.'),
  badPegOffsetType: () => bad(-1211, 'Invalid pegOffsetType.'),
  filterFailure: (filter: string) => bad(-1013, `Filter failure: ${filter}`),
  invalidMessage: (msg: string) => bad(-1013, msg),
  /** A placement the matching engine refused (-2010 with its message). */
  rejected: (msg: string) => bad(-2010, msg),
  /** A cancel the matching engine refused (-2011 with its message). */
  cancelRejected: (msg: string) => bad(-2011, msg),
  noSuchOrder: () => bad(-2013, 'Order does not exist.'),
  amendRejected: (msg: string) => bad(-2038, msg),
  clientOrderIdMismatch: () => bad(-2039, 'Client order ID is not correct for this order ID.'),
  badApiKeyFormat: () => unauthorized(-2014, 'API-key format invalid.'),
  rejectedApiKey: () => unauthorized(-2015, 'Invalid API-key, IP, or permissions for action.'),
  badSignature: () => bad(-1022, 'Signature for this request is not valid.'),
  unauthorized: () => unauthorized(-1002, 'You are not authorized to execute this request.'),
  unsupported: () => bad(-1020, 'This operation is not supported.'),
  subscriptionActive: () => bad(-2035, 'User Data Stream subscription already active.'),
  subscriptionInactive: () => bad(-2036, 'User Data Stream subscription not active.'),
  maxSubscriptionIds: () => bad(-2042, 'Maximum subscription ID reached for this connection.'),
  badTimeUnit: () => bad(-1194, 'Invalid value for time unit; expected either MICROSECOND or MILLISECOND.'),
  statusMismatch: () => bad(-1220, "The symbol's status does not match the requested symbolStatus."),
  noReferencePrice: () => bad(-2043, "This symbol doesn't have a reference price."),
};
