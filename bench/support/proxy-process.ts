// The pgforce proxy in a child process (bench/support/run-proxy.ts), so that a benchmark's
// clients do not share its CPU; `settings` is what run-proxy.ts reads. Resolves once it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ProxyProcess {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startProxyProcess(settings: object): Promise<ProxyProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/run-proxy.ts'], {
    cwd: ROOT,
    env: { ...process.env, PGFORCE_BENCH_PROXY: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`proxy exited with ${code}: ${out}`)));
  });
  return {
    port,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
