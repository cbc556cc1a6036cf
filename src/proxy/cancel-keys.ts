// BackendKeyData the proxy gives its clients: a random process id and secret per session,
// mapped to the upstream backend's own key so that a CancelRequest reaches the right query.
import { randomInt } from 'node:crypto';

export interface CancelTarget {
  secretKey: number;
  cancel(): void;
}

export class CancelKeys {
  private readonly byProcessId = new Map<number, CancelTarget>();

  /** Registers a session; returns its (processId, secretKey) for the client. */
  register(cancel: () => void): { processId: number; secretKey: number } {
    let processId: number;
    do processId = randomInt(1, 0x7fffffff); while (this.byProcessId.has(processId));
    const secretKey = randomInt(-0x80000000, 0x7fffffff);
    this.byProcessId.set(processId, { secretKey, cancel });
    return { processId, secretKey };
  }

  unregister(processId: number): void {
    this.byProcessId.delete(processId);
  }

  /** Routes a CancelRequest; returns whether it matched a session (a wrong secret is ignored, as in Postgres). */
  cancel(processId: number, secretKey: number): boolean {
    const target = this.byProcessId.get(processId);
    if (target === undefined || target.secretKey !== secretKey) return false;
    target.cancel();
    return true;
  }
}
