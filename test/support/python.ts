// Runs one scenario of a Python client script (test/clients/python/*.py) with the Debian
// interpreter and its Debian packages (python3-psycopg2, python3-sqlalchemy; .ci/run installs
// them), against a pgforce URL. The script prints one JSON object: what the application saw.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's interpreter, not a pyenv shim that may be first on PATH. */
export const PYTHON = '/usr/bin/python3';

export async function runPythonScenario<T = Record<string, unknown>>(script: string, url: string, scenario: string, ...args: string[]): Promise<T> {
  const path = fileURLToPath(new URL(`../clients/python/${script}`, import.meta.url));
  try {
    const { stdout } = await run(PYTHON, [path, scenario, ...args], { env: { ...process.env, PGFORCE_URL: url }, timeout: 30_000 });
    return JSON.parse(stdout) as T;
  } catch (e) {
    const { stderr, code } = e as { stderr?: string; code?: unknown };
    if (code === 'ENOENT' || /ModuleNotFoundError/.test(stderr ?? '')) {
      throw new Error(`${PYTHON} with python3-psycopg2 and python3-sqlalchemy is needed (apt-get install -y python3-psycopg2 python3-sqlalchemy):\n${stderr ?? ''}`);
    }
    throw new Error(`${script} ${scenario} failed:\n${stderr ?? String(e)}`);
  }
}
