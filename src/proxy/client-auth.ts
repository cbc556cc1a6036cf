// Authenticates a client at the proxy against the users stored in the database. An unknown
// user and a wrong password fail identically (28P01), as in Postgres.
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import {
  Frontend, authenticationCleartextPassword, authenticationFailed, authenticationMD5Password, authenticationOk,
  authenticationSASL, authenticationSASLContinue, authenticationSASLFinal, cleartextRequiresTls, passwordBody,
  protocolViolation, saslInitialResponseBody,
} from '../wire/index.js';
import { SCRAM_MECHANISM, ScramClientExchange, ScramServerExchange } from './auth/scram.js';
import { verifyMd5Response } from './auth/md5.js';
import type { MessageReader } from './message-reader.js';
import type { ProxyUser } from './users.js';

export type AuthMethod = 'scram-sha-256' | 'md5' | 'password';

export interface UserLookup {
  find(name: string): Promise<ProxyUser | undefined>;
}

/** Runs the exchange; resolves with the user once AuthenticationOk has been sent, throws a FATAL PgError otherwise. */
export async function authenticateClient(
  socket: Socket, reader: MessageReader, userName: string, users: UserLookup, method: AuthMethod, overTls: boolean,
): Promise<ProxyUser> {
  const user = await users.find(userName);
  let ok: boolean;
  switch (method) {
    case 'scram-sha-256': ok = await scram(socket, reader, userName, user); break;
    case 'md5': ok = await md5(socket, reader, user); break;
    case 'password':
      if (!overTls) throw cleartextRequiresTls();
      ok = await cleartext(socket, reader, userName, user);
      break;
  }
  if (!ok || user === undefined) throw authenticationFailed(userName);
  socket.write(authenticationOk());
  return user;
}

async function readPasswordMessage(reader: MessageReader): Promise<Buffer> {
  const { type, body } = await reader.read();
  if (type !== Frontend.PasswordMessage) throw protocolViolation(`expected password response, got message type ${type}`);
  return body;
}

async function scram(socket: Socket, reader: MessageReader, userName: string, user: ProxyUser | undefined): Promise<boolean> {
  const exchange = new ScramServerExchange(user?.scramVerifier, userName);
  socket.write(authenticationSASL([SCRAM_MECHANISM]));
  const initial = saslInitialResponseBody(await readPasswordMessage(reader));
  if (initial.mechanism !== SCRAM_MECHANISM) throw protocolViolation('client selected an invalid SASL authentication mechanism');
  const first = exchange.clientFirst(initial.data);
  if ('error' in first) throw protocolViolation(first.error);
  socket.write(authenticationSASLContinue(first.serverFirst));
  const final = exchange.clientFinal(await readPasswordMessage(reader));
  if (!final.ok) {
    if (final.protocolError !== undefined) throw protocolViolation(final.protocolError);
    return false;
  }
  socket.write(authenticationSASLFinal(final.serverFinal));
  return true;
}

async function md5(socket: Socket, reader: MessageReader, user: ProxyUser | undefined): Promise<boolean> {
  const salt = randomBytes(4);
  socket.write(authenticationMD5Password(salt));
  const response = passwordBody(await readPasswordMessage(reader));
  return user?.md5Hash != null && verifyMd5Response(user.md5Hash, salt, response);
}

async function cleartext(socket: Socket, reader: MessageReader, userName: string, user: ProxyUser | undefined): Promise<boolean> {
  socket.write(authenticationCleartextPassword());
  const password = passwordBody(await readPasswordMessage(reader));
  // Checked against the SCRAM verifier by running both sides of an exchange in-process.
  const server = new ScramServerExchange(user?.scramVerifier, userName);
  const client = new ScramClientExchange(userName, password);
  const first = server.clientFirst(Buffer.from(client.clientFirst()));
  if ('error' in first) return false;
  return server.clientFinal(Buffer.from(client.clientFinal(first.serverFirst))).ok;
}
