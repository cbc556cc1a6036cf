// Access and refresh tokens issued by the emulator's OAuth endpoint. Access tokens look like
// Salesforce's (15-char org id, `!`, opaque text) and expire after a configurable lifetime.
import { randomBytes } from 'node:crypto';

interface AccessToken {
  userId: string;
  expiresAt: number;
}

export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, string>();

  constructor(
    private readonly orgId15: string,
    private readonly lifetimeMs: number,
  ) {}

  issueAccess(userId: string): string {
    const token = `${this.orgId15}!${randomBytes(36).toString('base64url')}`;
    this.access.set(token, { userId, expiresAt: Date.now() + this.lifetimeMs });
    return token;
  }

  issueRefresh(userId: string): string {
    const token = `5Aep861${randomBytes(40).toString('base64url')}`;
    this.refresh.set(token, userId);
    return token;
  }

  /** The user of a live access token, or undefined (unknown, revoked or expired). */
  userOf(token: string): string | undefined {
    const t = this.access.get(token);
    if (!t) return undefined;
    if (Date.now() >= t.expiresAt) {
      this.access.delete(token);
      return undefined;
    }
    return t.userId;
  }

  userOfRefresh(token: string): string | undefined {
    return this.refresh.get(token);
  }

  revoke(token: string): void {
    this.access.delete(token);
    this.refresh.delete(token);
  }

  expireAll(): void {
    this.access.clear();
  }
}
