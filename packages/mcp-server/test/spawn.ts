// Runs the real `binance-mcp` command from its sources (through tsx, which follows the workspace's
// tsconfig paths to the sibling packages' sources), so these tests need no build.

import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The command and arguments that run `binance-mcp <args>` from source. */
export function binCommand(args: string[]): { command: string; args: string[]; cwd: string } {
  return {
    command: process.execPath,
    args: ['--import', 'tsx', join(PACKAGE_DIR, 'src/cli.ts'), ...args],
    cwd: PACKAGE_DIR,
  };
}

/** An environment without any BINANCE_* variable of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('BINANCE_')) env[key] = value;
  }
  return { ...env, ...extra };
}

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `binance-mcp <args>` and collects its output. */
export function startBin(args: string[], env: Record<string, string> = {}): Running {
  const cmd = binCommand(args);
  const child = spawn(cmd.command, cmd.args, {
    cwd: cmd.cwd,
    env: cleanEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until `read()` matches `pattern` (or the process exits, or the timeout passes). */
export async function waitFor(
  read: () => string,
  pattern: RegExp,
  running?: Running,
  timeoutMs = 20_000,
): Promise<RegExpMatchArray> {
  const started = Date.now();
  let exited = false;
  void running?.exited.then(() => {
    exited = true;
  });
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (exited || Date.now() - started > timeoutMs) {
      throw new Error(`timed out waiting for ${pattern}; got:\n${read()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
