// The sync's share of the org's daily API allocation. Salesforce reports usage on every
// response (Sforce-Limit-Info); the sync spends at most `share` of the allocation, spread
// over the day as a token bucket, and when the org as a whole is above that share it slows
// to one request a minute instead of exhausting what applications need.
import type { Logger } from '../log.js';
import { sleep } from './leader.js';

const DAY_S = 86_400;
const BURST_SECONDS = 60;
const SLOW_MS = 60_000;

export interface ApiUsageView {
  readonly apiUsage: { used: number; max: number } | undefined;
}

export class ApiBudget {
  /** NaN until the allocation is first known: the bucket then starts full (a start is not a burst). */
  private tokens = Number.NaN;
  private last = Date.now();
  private slowedDown = false;

  constructor(
    private readonly share: number,
    private readonly usage: ApiUsageView,
    private readonly log: Logger,
    private readonly slowMs = SLOW_MS,
  ) {}

  /** Waits until the sync may make one more API request. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const usage = this.usage.apiUsage;
    if (!usage || usage.max <= 0) return;
    const allowance = usage.max * this.share;
    if (usage.used >= allowance) {
      if (!this.slowedDown) this.log.warn({ used: usage.used, max: usage.max, share: this.share }, 'org API usage is above the sync\'s share: slowing down');
      this.slowedDown = true;
      await sleep(this.slowMs, signal);
      return;
    }
    if (this.slowedDown) this.log.info({ used: usage.used, max: usage.max }, 'org API usage is back under the sync\'s share');
    this.slowedDown = false;
    const perSecond = allowance / DAY_S;
    const capacity = Math.max(1, perSecond * BURST_SECONDS);
    const now = Date.now();
    if (Number.isNaN(this.tokens)) this.tokens = capacity;
    this.tokens = Math.min(capacity, this.tokens + ((now - this.last) / 1000) * perSecond);
    this.last = now;
    if (this.tokens < 1) {
      await sleep(((1 - this.tokens) / perSecond) * 1000, signal);
      this.tokens = 1;
      this.last = Date.now();
    }
    this.tokens -= 1;
  }

  /** Starts with a full bucket, as after a quiet period. */
  fill(): void {
    const usage = this.usage.apiUsage;
    if (usage) this.tokens = Math.max(1, ((usage.max * this.share) / DAY_S) * BURST_SECONDS);
  }
}
