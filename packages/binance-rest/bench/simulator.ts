// Starts the benchmark's simulator in a child process (building the simulator first if needed).

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the benchmark's simulator process announces: its URL and two accounts' credentials. */
export interface SimulatorProcess {
  url: string;
  hmac: { apiKey: string; apiSecret: string };
  ed25519: { apiKey: string; privateKey: string };
  stop: () => void;
}

export async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const require = createRequire(import.meta.url);
  const simulatorDir = dirname(require.resolve('@binance-mcp/simulator/package.json'));
  if (!existsSync(join(simulatorDir, 'dist/index.js'))) {
    execFileSync('pnpm', ['--filter', '@binance-mcp/simulator', 'build'], { stdio: 'ignore' });
  }
  const script = fileURLToPath(new URL('./simulator-process.mjs', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const announced = await new Promise<Omit<SimulatorProcess, 'stop'>>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n')[0];
      if (text.includes('\n') && line) resolve(JSON.parse(line) as Omit<SimulatorProcess, 'stop'>);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { ...announced, stop: () => child.kill('SIGTERM') };
}
