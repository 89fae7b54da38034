// The last line of defence for secrets: every tool result, error and log line passes through a redactor
// that knows the configured API key, secret, private key, passphrase and HTTP token, and replaces any
// run of text that contains a piece of one of them (12 characters or more: a truncated or partial echo
// as well as a whole value) with "[redacted]". Nothing should ever put a secret there; this makes sure.

export type Redactor = (text: string) => string;

/** The shortest piece of a secret that is redacted on its own. */
const WINDOW = 12;

/** The material of each secret: a PEM key's body without its armour and line breaks; others as given. */
function material(secret: string | Uint8Array): string {
  const text = typeof secret === 'string' ? secret : Buffer.from(secret).toString('utf8');
  if (text.includes('-----BEGIN')) {
    return text
      .split(/\r?\n/)
      .filter((line) => !line.startsWith('-----') && !/^[A-Za-z-]+:/.test(line))
      .join('')
      .replace(/\s+/g, '');
  }
  return text.trim();
}

/** A redactor for these secrets (undefined entries are ignored). */
export function createRedactor(secrets: readonly (string | Uint8Array | undefined)[]): Redactor {
  const windows = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined) continue;
    const m = material(secret);
    if (m.length < 8) continue;
    if (m.length < WINDOW) windows.add(m);
    for (let i = 0; i + WINDOW <= m.length; i++) windows.add(m.slice(i, i + WINDOW));
  }
  if (windows.size === 0) return (text) => text;
  const shortest = Math.min(...[...windows].map((w) => w.length));
  return (text) => {
    if (text.length < shortest) return text;
    // Mark every character covered by a window of a secret, then replace each marked run.
    let marked: Uint8Array | undefined;
    for (let i = 0; i + shortest <= text.length; i++) {
      const piece = text.slice(i, i + WINDOW);
      if (windows.has(piece) || (shortest < WINDOW && windows.has(text.slice(i, i + shortest)))) {
        marked ??= new Uint8Array(text.length);
        marked.fill(1, i, i + (windows.has(piece) ? WINDOW : shortest));
      }
    }
    if (!marked) return text;
    let out = '';
    for (let i = 0; i < text.length; ) {
      if (marked[i]) {
        out += '[redacted]';
        while (i < text.length && marked[i]) i++;
      } else {
        out += text[i];
        i++;
      }
    }
    return out;
  };
}
