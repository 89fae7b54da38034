// JSON as Binance sends it, without losing 64-bit integers. Node 20's `JSON.parse` has no access to a
// number's source text, so an id above 2^53 would silently round. Integer literals that are not safe
// JavaScript numbers are therefore parsed as `bigint`; every other value is exactly what `JSON.parse`
// gives. The check for such literals is a single regular-expression pass, so ordinary responses pay
// almost nothing; only a body that holds one is rewritten and parsed with a reviver.

/** Parses JSON text; integer literals beyond `Number.MAX_SAFE_INTEGER` (in magnitude) become `bigint`. */
export function parseJson(text: string): unknown {
  return mayHoldUnsafeInteger(text) ? parseWithBigInts(text) : JSON.parse(text);
}

const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER); // 16 digits

/**
 * True when a run of digits somewhere (maybe inside a string) is too large for a safe integer. A run of
 * 16 or more digits covers one of every 16 consecutive positions, so only every 16th character needs
 * looking at; a digit there is widened to its whole run. (A regular expression such as `/\d{16}/`
 * backtracks through every 13-digit timestamp and costs more than `JSON.parse` itself.)
 */
function mayHoldUnsafeInteger(text: string): boolean {
  const n = text.length;
  for (let i = 15; i < n; i += 16) {
    if (!isDigit(text.charCodeAt(i))) continue;
    let start = i;
    while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < n && isDigit(text.charCodeAt(end))) end++;
    const length = end - start;
    if (length > MAX_SAFE_DIGITS.length) return true;
    if (length === MAX_SAFE_DIGITS.length && text.slice(start, end) > MAX_SAFE_DIGITS) return true;
    // Continue with the first sampled position after this run.
    i += Math.floor((end - 1 - i) / 16) * 16;
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;

function isNumberChar(c: number): boolean {
  // digits, '.', 'e', 'E', '+', '-'
  return (c >= DIGIT_0 && c <= DIGIT_9) || c === 46 || c === 101 || c === 69 || c === 43 || c === MINUS;
}

function parseWithBigInts(text: string): unknown {
  // Unsafe integer literals are rewritten as strings that start with a control character, which the
  // reviver turns into bigints. A control character can only get into a JSON string through a `\u00XX`
  // escape, so one whose escape occurs nowhere in the text cannot begin any string of the original.
  const lead = unusedControlCharacter(text);
  if (lead === undefined)
    throw new SyntaxError('JSON text escapes every control character; cannot mark 64-bit integers');
  const marker = `\\u${lead.toString(16).padStart(4, '0')}`;
  const markerValue = String.fromCharCode(lead);

  let out = '';
  let copied = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
      i++;
      continue;
    }
    if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
      const start = i;
      for (i++; i < n && isNumberChar(text.charCodeAt(i)); i++);
      const token = text.slice(start, i);
      if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(copied, start)}"${marker}${token}"`;
        copied = i;
      }
      continue;
    }
    i++;
  }
  if (copied === 0) return JSON.parse(text);
  out += text.slice(copied);
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(markerValue) ? BigInt(value.slice(1)) : value,
  );
}

/** A control character (not one with a short escape such as `\n`) whose `\u00XX` escape is absent. */
function unusedControlCharacter(text: string): number | undefined {
  if (!text.includes('\\u00')) return 0;
  const lower = text.toLowerCase();
  for (let code = 0; code < 32; code++) {
    if (code >= 8 && code <= 13 && code !== 11) continue; // \b \t \n \f \r have short escapes
    if (!lower.includes(`\\u${code.toString(16).padStart(4, '0')}`)) return code;
  }
  return undefined;
}
