// Which sObjects the sync mirrors: the configured list plus, unless turned off, every custom
// object of the org. A configured name the org does not have fails the start.
import type { SyncSettings } from '../config.js';
import { ConfigError } from '../config.js';

interface GlobalEntry {
  name: string;
  custom: boolean;
  queryable: boolean;
}

export function chooseObjects(settings: SyncSettings, global: readonly GlobalEntry[]): string[] {
  const byLower = new Map(global.map((o) => [o.name.toLowerCase(), o]));
  const chosen: string[] = [];
  const missing: string[] = [];
  for (const name of settings.objects) {
    const entry = byLower.get(name.toLowerCase());
    if (!entry) missing.push(name);
    else if (!entry.queryable) throw new ConfigError(`sync.objects: ${entry.name} cannot be queried, so it cannot be mirrored`);
    else if (!chosen.includes(entry.name)) chosen.push(entry.name);
  }
  if (missing.length) throw new ConfigError(`sync.objects: the org has no sObject named ${missing.join(', ')}`);
  if (settings.customObjects) {
    for (const o of global) if (o.custom && o.queryable && /__c$/.test(o.name) && !chosen.includes(o.name)) chosen.push(o.name);
  }
  return chosen;
}
