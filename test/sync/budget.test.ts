import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { ApiBudget } from '../../src/sync/budget.js';

// share 1 of 86,400 requests a day: one request a second, a bucket of 60.
const usage = { apiUsage: { used: 0, max: 86_400 } };

describe('ApiBudget', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts with a full bucket: a process start is not throttled to the daily rate (regression: demo took 25 s to start)', async () => {
    const budget = new ApiBudget(1, usage, pino({ level: 'silent' }));
    for (let i = 0; i < 60; i++) await budget.acquire();
    let granted = false;
    const next = budget.acquire().then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(600);
    await next;
    expect(granted).toBe(true);
  });

  it('does not count before Salesforce has reported the allocation', async () => {
    const budget = new ApiBudget(1, { apiUsage: undefined }, pino({ level: 'silent' }));
    for (let i = 0; i < 1000; i++) await budget.acquire();
  });
});
