// Starts bench/blast-server.mjs in its own process and returns its URL.

import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function startBlastServer(messages: number): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./blast-server.mjs', import.meta.url)),
    [String(messages)],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  const stop = () => child.kill();
  process.once('exit', stop);
  return { url: `ws://127.0.0.1:${port}`, stop };
}
