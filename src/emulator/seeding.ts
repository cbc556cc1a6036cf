// Fills a new org from the --seed option: the demo org, a generated data set, a seed file,
// or nothing. Seeds insert through the same validation as the API (as the demo user).
import type { Org } from './org.js';
import type { SeedSink } from './seed/sink.js';
import { createRecord } from './dml/save.js';
import { seedDemo } from './seed/demo.js';
import { parseGenerateSpec, seedGenerated } from './seed/generate.js';
import { seedFromFile } from './seed/seed-file.js';

export async function seedOrg(org: Org, seed: string): Promise<void> {
  const sink = orgSink(org);
  if (seed === 'none') return;
  if (seed === 'demo') seedDemo(sink);
  else if (seed.startsWith('generate:')) seedGenerated(sink, parseGenerateSpec(seed));
  else await seedFromFile(sink, seed);
  sink.flush();
}

/** Inserts through the DML path, committing in batches so a million records stay fast. */
function orgSink(org: Org): SeedSink & { flush(): void } {
  const userId = org.users[0]!.id;
  let txn = org.begin();
  return {
    insert(sobject, fields) {
      const object = org.object(sobject);
      if (!object) throw new Error(`seed: unknown sObject ${sobject}`);
      const outcome = createRecord({ org, txn, userId, lockFails: () => false }, object, fields);
      if (!outcome.success) {
        throw new Error(`seed: ${sobject} ${JSON.stringify(fields)} was refused: ${outcome.errors.map((e) => `${e.statusCode} ${e.message}`).join('; ')}`);
      }
      if (txn.size >= 10_000) {
        txn.commit();
        txn = org.begin();
      }
      return outcome.id;
    },
    flush() {
      txn.commit();
    },
  };
}
