// `--data DIR`: the org survives restarts. The whole org is written as one NDJSON snapshot
// (a line per record), shortly after changes and on close, through a temp file and rename
// so a crash never leaves half a file.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { Org } from '../org.js';
import type { StoredRecord } from './record.js';
import { parseStoredDateTime } from './clock.js';

const FILE = 'org.ndjson';
const DEBOUNCE_MS = 250;

/** Loads a snapshot if the directory has one; returns whether it did. */
export async function loadSnapshot(org: Org, dir: string): Promise<boolean> {
  const file = join(dir, FILE);
  if (!(await stat(file).catch(() => undefined))) return false;
  const records: StoredRecord[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const record = JSON.parse(line) as StoredRecord;
    if (!org.schema.byKeyPrefix(String(record.Id).slice(0, 3))) continue;
    org.ids.observe(record.Id as string);
    if (typeof record.SystemModstamp === 'string') org.clock.observe(parseStoredDateTime(record.SystemModstamp));
    records.push(record);
  }
  org.store.apply(records);
  return true;
}

export class SnapshotWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly org: Org,
    private readonly dir: string,
  ) {
    org.store.onChange(() => this.schedule());
  }

  private schedule(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, DEBOUNCE_MS);
  }

  /** Writes the snapshot now if anything changed since the last one. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      await this.write();
    });
    return this.writing;
  }

  private async write(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = join(this.dir, FILE);
    const temp = `${target}.tmp`;
    const out = createWriteStream(temp, 'utf8');
    for (const object of this.org.schema.objects()) {
      for (const record of this.org.store.scan(object.name)) {
        if (!out.write(JSON.stringify(record) + '\n')) await once(out, 'drain');
      }
    }
    out.end();
    await once(out, 'finish');
    await rename(temp, target);
  }
}
