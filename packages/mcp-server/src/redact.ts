// The last line of defence for secrets: every tool result, error and log line passes through a redactor
// that knows the configured API key, secret, private key and tokens, and replaces any of them (or any
// line of a PEM key's body) with "[redacted]". Nothing should ever put a secret there; this makes sure.

export type Redactor = (text: string) => string;

const MIN_LENGTH = 8;

/** The pieces of `secrets` worth scanning for: whole values and each base64 line of a PEM body. */
function fragments(secrets: readonly (string | Uint8Array | undefined)[]): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined) continue;
    const text = typeof secret === 'string' ? secret : Buffer.from(secret).toString('utf8');
    const trimmed = text.trim();
    if (trimmed.length >= MIN_LENGTH) out.add(trimmed);
    for (const line of text.split(/\r?\n/)) {
      const l = line.trim();
      if (l.length >= 16 && !l.startsWith('-----')) out.add(l);
    }
  }
  // Longest first, so a whole value is replaced before a part of it.
  return [...out].sort((a, b) => b.length - a.length);
}

/** A redactor for these secrets (undefined entries are ignored). */
export function createRedactor(secrets: readonly (string | Uint8Array | undefined)[]): Redactor {
  const list = fragments(secrets);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) {
      if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    }
    return out;
  };
}
