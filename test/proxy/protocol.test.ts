// Protocol behaviour through the proxy: malformed client messages end only that session,
// limits, cancel, COPY, LISTEN/NOTIFY, large rows, GSSENC and protocol negotiation.
import { describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { frontend, StartupCode } from '../../src/wire/index.js';
import { useTestDatabase } from '../support/postgres.js';
import { ALICE, useProxy } from '../support/proxy.js';
import { rawLogin, readUntilClosed, errorFields } from './raw-client.js';

const db = useTestDatabase();
const proxy = useProxy(db, { maxMessageSize: 1024 * 1024 });

describe('malformed client messages', () => {
  it.each([
    ['an unknown type byte', Buffer.from([0x21, 0, 0, 0, 4])],
    ['a length below 4', Buffer.from([0x51, 0, 0, 0, 2])],
    ['an oversize message', Buffer.from([0x51, 0x10, 0, 0, 0])],
  ])('%s gives FATAL 08P01 while another session keeps working', async (_name, bytes) => {
    const other = await proxy.connect();
    const socket = await rawLogin(proxy.port, proxy.database, ALICE);
    socket.write(bytes);
    const fields = errorFields(await readUntilClosed(socket));
    expect(fields.get('S')).toBe('FATAL');
    expect(fields.get('C')).toBe('08P01');
    expect((await other.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });
});

describe('startup', () => {
  it('answers GSSENCRequest with N and then accepts a normal startup', async () => {
    const client = new pg.Client({ connectionString: proxy.url(), ssl: false });
    await client.connect();
    await client.end();
    const socket = connect(proxy.port, '127.0.0.1');
    const gss = Buffer.alloc(8);
    gss.writeInt32BE(8, 0);
    gss.writeInt32BE(StartupCode.GSSENCRequest, 4);
    socket.write(gss);
    const answer = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
    expect(answer.toString()).toBe('N');
    socket.destroy();
  });

  it('negotiates a newer minor protocol version down to 3.0', async () => {
    const socket = await rawLogin(proxy.port, proxy.database, ALICE, { minor: 2, options: { _pq_protocol_option: undefined } });
    socket.write(frontend.query('SELECT 1'));
    socket.write(frontend.TERMINATE);
    const bytes = await readUntilClosed(socket);
    expect(bytes.includes(Buffer.from('SELECT 1\0'))).toBe(true);
  });

  it('refuses a database other than the configured one with 3D000', async () => {
    const client = new pg.Client({ connectionString: proxy.url().replace(/\/[^/]+$/, '/elsewhere') });
    await expect(client.connect()).rejects.toMatchObject({ code: '3D000', message: 'database "elsewhere" does not exist' });
  });
});

describe('data path', () => {
  it('relays COPY TO STDOUT', async () => {
    const socket = await rawLogin(proxy.port, proxy.database, ALICE);
    socket.write(frontend.query('COPY (SELECT g, repeat(\'x\', 100) FROM generate_series(1, 5000) g) TO STDOUT'));
    socket.write(frontend.TERMINATE);
    const bytes = await readUntilClosed(socket);
    expect(bytes.includes(Buffer.from('5000\t' + 'x'.repeat(100) + '\n'))).toBe(true);
    expect(bytes.includes(Buffer.from('COPY 5000\0'))).toBe(true);
  });

  it('relays COPY FROM STDIN', async () => {
    const client = await proxy.connect();
    await client.query('CREATE TABLE copy_in (x int)');
    const socket = await rawLogin(proxy.port, proxy.database, ALICE);
    socket.write(frontend.query('COPY copy_in FROM STDIN'));
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => `${i}\n`).join(''));
    const copyData = Buffer.alloc(5 + data.length);
    copyData[0] = 'd'.charCodeAt(0);
    copyData.writeInt32BE(4 + data.length, 1);
    data.copy(copyData, 5);
    socket.write(copyData);
    socket.write(Buffer.from([0x63, 0, 0, 0, 4]));
    socket.write(frontend.TERMINATE);
    const bytes = await readUntilClosed(socket);
    expect(bytes.includes(Buffer.from('COPY 1000\0'))).toBe(true);
    expect((await client.query('SELECT count(*)::int AS n FROM copy_in')).rows).toEqual([{ n: 1000 }]);
  });

  it('relays LISTEN/NOTIFY between two proxy sessions', async () => {
    const listener = await proxy.connect();
    const notifier = await proxy.connect();
    await listener.query('LISTEN pgforce_test');
    const received = new Promise<pg.Notification>((resolve) => listener.once('notification', resolve));
    await notifier.query(`NOTIFY pgforce_test, 'hello'`);
    expect(await received).toMatchObject({ channel: 'pgforce_test', payload: 'hello' });
  });

  it('relays NOTICE messages', async () => {
    const client = await proxy.connect();
    const notice = new Promise<{ message?: string }>((resolve) => client.once('notice', resolve));
    await client.query(`DO $$ BEGIN RAISE NOTICE 'careful'; END $$`);
    expect((await notice).message).toBe('careful');
  });

  it('relays large rows', async () => {
    const client = await proxy.connect();
    const { rows } = await client.query(`SELECT repeat('y', 5000000) AS big`);
    expect((rows[0] as { big: string }).big.length).toBe(5_000_000);
  });

  it('cancels a running query (pg_sleep) through the proxy with a CancelRequest', async () => {
    const client = await proxy.connect();
    const started = Date.now();
    const sleeping = client.query('SELECT pg_sleep(10)');
    await new Promise((r) => setTimeout(r, 300));
    // A CancelRequest with the BackendKeyData the proxy gave this client, as libpq sends it.
    const { processID, secretKey } = client as unknown as { processID: number; secretKey: number };
    const canceller = connect(proxy.port, '127.0.0.1', () => canceller.end(frontend.cancelRequest(processID, secretKey)));
    await expect(sleeping).rejects.toMatchObject({ code: '57014' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await client.query('SELECT 3 AS three')).rows).toEqual([{ three: 3 }]);
  });

  it('cancels the upstream query of a client that disconnects mid-query', async () => {
    const client = new pg.Client({ connectionString: proxy.url({ ...ALICE }) });
    client.on('error', () => {});
    await client.connect();
    client.query(`SELECT pg_sleep(30) /* pgforce-disconnect-test */`).catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    (client as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    const deadline = Date.now() + 5000;
    for (;;) {
      const { rows } = await db.client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%pgforce-disconnect-test%' AND pid <> pg_backend_pid()`);
      if ((rows[0] as { n: number }).n === 0) break;
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});
