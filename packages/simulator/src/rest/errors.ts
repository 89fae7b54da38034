// Binance's error payload `{"code":…,"msg":…}` with the HTTP status it comes with.

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }

  body(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}

const bad = (code: number, msg: string) => new ApiError(400, code, msg);

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
  badTimeUnit: () => bad(-1194, 'Invalid value for time unit; expected either MICROSECOND or MILLISECOND.'),
  statusMismatch: () => bad(-1220, "The symbol's status does not match the requested symbolStatus."),
  noReferencePrice: () => bad(-2043, "This symbol doesn't have a reference price."),
};
