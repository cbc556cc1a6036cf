// `pgforce demo` (what `npm start` runs): everything on this machine, nothing to set up.
// Today the demo is the Salesforce API emulator with the demo org on port 7480; the mirror
// sync and the SQL proxy join it as they land (see the README's status).
import { parseArgs } from 'node:util';
import { runEmulatorCommand } from './emulator.js';

export async function runDemoCommand(args: string[]): Promise<number> {
  let emulatorPort: string | undefined;
  try {
    const { values } = parseArgs({ args, strict: true, options: { 'emulator-port': { type: 'string' } } });
    emulatorPort = values['emulator-port'];
  } catch (error) {
    process.stderr.write(`pgforce demo: ${(error as Error).message}\n(the SQL proxy is not part of this build yet; the demo runs the Salesforce emulator)\n`);
    return 2;
  }
  const port = emulatorPort ?? '7480';
  process.stdout.write(
    [
      `pgforce demo: Salesforce API emulator with the demo org on http://127.0.0.1:${port}`,
      '',
      'Try:',
      `  TOKEN=$(curl -s http://127.0.0.1:${port}/services/oauth2/token -d grant_type=password \\`,
      '      -d client_id=pgforce-demo -d client_secret=pgforce-demo-secret \\',
      "      -d username=demo@pgforce.dev -d password=demo | jq -r .access_token)",
      `  curl -s -H "Authorization: Bearer $TOKEN" \\`,
      `      "http://127.0.0.1:${port}/services/data/v62.0/query?q=SELECT+Name,Email+FROM+Contact+LIMIT+5" | jq`,
      '',
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  return runEmulatorCommand(['--port', port, '--seed', 'demo']);
}
