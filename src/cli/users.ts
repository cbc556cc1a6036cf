// `pgforce users add|remove|list`: manage the proxy's users (pgforce.proxy_users) in the
// database named by DATABASE_URL / PG* variables. A password never goes on the command line:
// it comes from stdin (--password-stdin), PGFORCE_USER_PASSWORD, or a prompt on a terminal.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { databaseUrlFromEnv, userPasswordFromEnv } from '../config.js';
import { ProxyUserError, UserStore, checkUserName, checkUserPassword } from '../proxy/users.js';

const USAGE = `usage: pgforce users add NAME [--read-only] [--md5] [--password-stdin]
       pgforce users remove NAME
       pgforce users list
`;

class UsageError extends Error {}

type Command =
  | { kind: 'add'; name: string; readOnly: boolean; md5: boolean; passwordStdin: boolean }
  | { kind: 'remove'; name: string }
  | { kind: 'list' };

export async function runUsersCommand(args: string[]): Promise<number> {
  let command: Command;
  let databaseUrl: string | undefined;
  try {
    command = parseCommand(args);
    databaseUrl = databaseUrlFromEnv();
  } catch (error) {
    return usage(error instanceof UsageError ? `${error.message}\n\n${USAGE.trimEnd()}` : (error as Error).message);
  }
  switch (command.kind) {
    case 'add':
      return add(databaseUrl, command);
    case 'remove': {
      const { name } = command;
      return withStore(databaseUrl, async (store) => {
        if (!(await store.remove(name))) return fail(`no proxy user "${name}"`);
        process.stdout.write(`removed proxy user "${name}"\n`);
        return 0;
      });
    }
    case 'list':
      return withStore(databaseUrl, list);
  }
}

function parseCommand(argv: string[]): Command {
  const [sub, ...rest] = argv;
  if (sub === undefined) throw new UsageError('a subcommand is needed');
  if (sub !== 'add' && sub !== 'remove' && sub !== 'list') throw new UsageError(`unknown subcommand '${sub}'`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: sub === 'add' ? { 'read-only': { type: 'boolean' }, md5: { type: 'boolean' }, 'password-stdin': { type: 'boolean' } } : {},
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals } = parsed;
  const values = parsed.values as { 'read-only'?: boolean; md5?: boolean; 'password-stdin'?: boolean };
  if (sub === 'list') {
    if (positionals.length > 0) throw new UsageError("'list' takes no arguments");
    return { kind: 'list' };
  }
  if (positionals.length !== 1) throw new UsageError(`'${sub}' takes exactly one user NAME`);
  const name = positionals[0] as string;
  if (sub === 'add') {
    try {
      checkUserName(name);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (sub === 'remove') return { kind: 'remove', name };
  return { kind: 'add', name, readOnly: values['read-only'] ?? false, md5: values.md5 ?? false, passwordStdin: values['password-stdin'] ?? false };
}

async function add(databaseUrl: string | undefined, command: Extract<Command, { kind: 'add' }>): Promise<number> {
  let password: string;
  try {
    password = await readPassword(command.passwordStdin);
    checkUserPassword(password);
  } catch (error) {
    return usage((error as Error).message);
  }
  return withStore(databaseUrl, async (store) => {
    await store.add(command.name, password, { readOnly: command.readOnly, md5: command.md5 });
    const notes = [command.readOnly && 'read-only', command.md5 && 'md5 allowed'].filter(Boolean);
    process.stdout.write(`added proxy user "${command.name}"${notes.length ? ` (${notes.join(', ')})` : ''}\n`);
    return 0;
  });
}

/** Connects, makes sure the table exists, runs `fn`; turns failures into messages and exit codes. */
async function withStore(databaseUrl: string | undefined, fn: (store: UserStore) => Promise<number>): Promise<number> {
  const client = new pg.Client({ ...(databaseUrl && { connectionString: databaseUrl }), connectionTimeoutMillis: 10_000 });
  let connected = false;
  try {
    await client.connect();
    connected = true;
    const store = new UserStore(client);
    await store.ensureTable();
    return await fn(store);
  } catch (error) {
    if (error instanceof ProxyUserError) return error.code === 'invalid_name' || error.code === 'invalid_password' ? usage(error.message) : fail(error.message);
    const where = connected ? 'database error' : `cannot connect to the database${databaseUrl ? '' : ' (no DATABASE_URL; libpq PG* variables)'}`;
    return fail(`${where}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function list(store: UserStore): Promise<number> {
  const users = await store.list();
  if (users.length === 0) {
    process.stdout.write('no proxy users\n');
    return 0;
  }
  const rows = [['name', 'access', 'md5', 'created'], ...users.map((u) => [u.name, u.readOnly ? 'read-only' : 'read-write', u.md5 ? 'yes' : 'no', u.createdAt.toISOString()])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`pgforce users: ${message}\n`);
  return 1;
}

function usage(message: string): number {
  process.stderr.write(`pgforce users: ${message}\n`);
  return 2;
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return withoutFinalNewline(await readAll(process.stdin));
  const fromEnv = userPasswordFromEnv();
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) throw new Error('no password: pass --password-stdin, set PGFORCE_USER_PASSWORD, or run on a terminal to be prompted');
  const first = await promptHidden('Password: ');
  const again = await promptHidden('Password again: ');
  if (first !== again) throw new Error('the passwords do not match');
  return first;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else text += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
