// The emulator's fault injection: the current settings plus seeded dice, so a run with
// faults can be replayed from its seed.
import { NO_FAULTS, type Faults } from './options.js';

export class FaultState {
  private settings: Faults;
  private rng: () => number;

  constructor(initial: Partial<Faults> = {}) {
    this.settings = { ...NO_FAULTS, ...initial };
    this.rng = mulberry32(this.settings.randomSeed);
  }

  get current(): Readonly<Faults> {
    return this.settings;
  }

  /** Merges new settings; a new randomSeed restarts the dice. Throws on invalid values. */
  update(patch: Partial<Faults>): Readonly<Faults> {
    const next = { ...this.settings, ...patch };
    validateFaults(next);
    if (patch.randomSeed !== undefined) this.rng = mulberry32(next.randomSeed);
    this.settings = next;
    return next;
  }

  /** True with the given probability (0..1). */
  roll(rate: number): boolean {
    return rate > 0 && (rate >= 1 || this.rng() < rate);
  }
}

export function validateFaults(f: Faults): void {
  const rates: Array<keyof Faults> = ['serverUnavailableRate', 'lockRowRate', 'dropAfterApplyRate'];
  for (const key of rates) {
    const v = f[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`fault ${key} must be a number from 0 to 1, got ${JSON.stringify(v)}`);
  }
  if (typeof f.latencyMs !== 'number' || !(f.latencyMs >= 0 && f.latencyMs <= 600_000)) {
    throw new Error(`fault latencyMs must be a number of milliseconds from 0 to 600000, got ${JSON.stringify(f.latencyMs)}`);
  }
  if (typeof f.bulkIngestChunkDelayMs !== 'number' || !(f.bulkIngestChunkDelayMs >= 0 && f.bulkIngestChunkDelayMs <= 600_000)) {
    throw new Error(`fault bulkIngestChunkDelayMs must be a number of milliseconds from 0 to 600000, got ${JSON.stringify(f.bulkIngestChunkDelayMs)}`);
  }
  if (typeof f.requestLimitExhausted !== 'boolean') throw new Error('fault requestLimitExhausted must be true or false');
  if (!Number.isInteger(f.randomSeed)) throw new Error('fault randomSeed must be an integer');
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
