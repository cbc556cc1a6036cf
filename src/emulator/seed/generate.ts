// Bulk seed data (`--seed generate:contacts=1000000,accounts=1000,…`) for load tests and
// benchmarks: realistic-looking Accounts, Contacts, Leads and Opportunities made from small
// word lists and a seeded PRNG, so the same spec always yields the same org. Uses standard
// fields only (works with or without the demo schema) and does little per record beyond
// string concatenation, so a million Contacts cost a few seconds plus the sink's own work.

import {
  INDUSTRIES, LEAD_SOURCES, LEAD_STATUSES, OPPORTUNITY_STAGES, OPPORTUNITY_TYPES, RATINGS,
} from '../schema/standard-objects.js';
import { Random } from './random.js';
import type { SeedSink } from './sink.js';

export interface GenerateSpec {
  accounts: number;
  contacts: number;
  leads: number;
  opportunities: number;
  /** PRNG seed; the same spec and seed give the same records. */
  seed: number;
}

const PREFIX = 'generate:';
const COUNT_KEYS = ['accounts', 'contacts', 'leads', 'opportunities'] as const;
const KEYS: readonly string[] = [...COUNT_KEYS, 'seed'];
/** Per object; far beyond what fits in the emulator's memory anyway. */
const MAX_COUNT = 50_000_000;

export function isGenerateSpec(seed: string): boolean {
  return seed.startsWith(PREFIX);
}

/** Parses `generate:contacts=1000000,accounts=1000,leads=0,opportunities=0[,seed=42]`. */
export function parseGenerateSpec(spec: string): GenerateSpec {
  const fail = (why: string) => new Error(
    `invalid generate spec '${spec}': ${why} (expected e.g. generate:contacts=1000,accounts=100,leads=0,opportunities=0,seed=42)`);
  if (!isGenerateSpec(spec)) throw fail(`it must start with '${PREFIX}'`);
  const body = spec.slice(PREFIX.length).trim();
  if (body === '') throw fail('it names nothing to generate');
  const out: GenerateSpec = { accounts: 0, contacts: 0, leads: 0, opportunities: 0, seed: 1 };
  const seen = new Set<string>();
  for (const part of body.split(',')) {
    const match = /^\s*([A-Za-z]+)\s*=\s*(\S*?)\s*$/.exec(part);
    if (!match) throw fail(`'${part}' is not key=number`);
    const [, rawKey = '', rawValue = ''] = match;
    const key = rawKey.toLowerCase();
    if (!KEYS.includes(key)) throw fail(`unknown key '${rawKey}' (known: ${KEYS.join(', ')})`);
    if (seen.has(key)) throw fail(`'${key}' is given twice`);
    seen.add(key);
    if (!/^[0-9][0-9_]*$/.test(rawValue)) throw fail(`${key} must be a whole number, not '${rawValue}'`);
    const value = Number(rawValue.replace(/_/g, ''));
    if (key === 'seed') {
      if (value > 0xffffffff) throw fail('seed must be at most 4294967295');
      out.seed = value;
    } else {
      if (value > MAX_COUNT) throw fail(`${key} must be at most ${MAX_COUNT}`);
      out[key as (typeof COUNT_KEYS)[number]] = value;
    }
  }
  if (COUNT_KEYS.every((k) => out[k] === 0)) throw fail('every count is zero');
  return out;
}

const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Lisa',
  'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Priya', 'Wei', 'Carlos', 'Fatima',
  'Hiroshi', 'Ingrid', 'Mateo', 'Aisha', 'Lars', 'Chloe', 'Rahul', 'Sofia', 'Diego', 'Hannah', 'Omar', 'Grace',
  'Kenji', 'Nora', 'Amara', 'Luca',
];
const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Patel', 'Chen', 'Nguyen', 'Kim',
  'Okafor', 'Schmidt', 'Rossi', 'Tanaka', 'Novak', 'Silva', 'Haddad', 'Kowalski', 'Andersen', 'Dubois', 'Murphy',
  'Cohen', 'Singh', 'Ito', 'Costa', 'Park',
];
const COMPANY_WORDS = [
  'Apex', 'Blue', 'Cedar', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Iron', 'Juniper', 'Keystone', 'Lumen',
  'Maple', 'Nova', 'Orbit', 'Pioneer', 'Quartz', 'Ridge', 'Summit', 'Tidal', 'Union', 'Vertex', 'Willow', 'Zenith',
];
const COMPANY_NOUNS = [
  'Analytics', 'Systems', 'Logistics', 'Health', 'Foods', 'Energy', 'Media', 'Robotics', 'Capital', 'Labs', 'Works',
  'Networks', 'Partners', 'Solutions', 'Outfitters', 'Dynamics',
];
const COMPANY_SUFFIXES = ['Inc.', 'LLC', 'Corp.', 'Group', 'Co.', 'Ltd'];
const CITIES: readonly [string, string, string][] = [
  ['San Francisco', 'CA', '415'], ['New York', 'NY', '212'], ['Chicago', 'IL', '312'], ['Austin', 'TX', '512'],
  ['Seattle', 'WA', '206'], ['Boston', 'MA', '617'], ['Denver', 'CO', '303'], ['Atlanta', 'GA', '404'],
  ['Miami', 'FL', '305'], ['Phoenix', 'AZ', '602'], ['Portland', 'OR', '503'], ['Minneapolis', 'MN', '612'],
  ['Nashville', 'TN', '615'], ['Columbus', 'OH', '614'], ['Salt Lake City', 'UT', '801'], ['Raleigh', 'NC', '919'],
];
const TITLES = [
  'CEO', 'CFO', 'CTO', 'VP of Sales', 'VP of Marketing', 'Director of Operations', 'IT Manager', 'Procurement Manager',
  'Account Manager', 'Software Engineer', 'Operations Analyst', 'Office Manager', 'Sales Representative', 'Controller',
];
const DEPARTMENTS = ['Executive', 'Finance', 'Engineering', 'Sales', 'Marketing', 'Operations', 'IT', 'Procurement'];
const PRODUCTS = ['Platform License', 'Renewal', 'Expansion', 'Pilot', 'Services', 'Support Upgrade', 'Migration'];
const FREE_MAIL = ['example.com', 'example.org', 'example.net'];

const LOWER_FIRST = FIRST_NAMES.map((n) => n.toLowerCase());
const LOWER_LAST = LAST_NAMES.map((n) => n.toLowerCase());

/** 0 … n-1 from the PRNG, without the bounds checks of Random.int (hot loop). */
function index(rng: Random, n: number): number {
  return Math.floor(rng.next() * n);
}

function phone(rng: Random, areaCode: string): string {
  return `(${areaCode}) 555-${String(1000 + index(rng, 9000))}`;
}

function closeDate(rng: Random): string {
  const month = 1 + index(rng, 12);
  const day = 1 + index(rng, 28);
  return `2026-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function seedGenerated(sink: SeedSink, spec: GenerateSpec): void {
  const rng = new Random(spec.seed);
  const accountIds: string[] = new Array<string>(spec.accounts);
  const accountNames: string[] = new Array<string>(spec.accounts);
  const accountDomains: string[] = new Array<string>(spec.accounts);

  for (let i = 0; i < spec.accounts; i++) {
    const word = COMPANY_WORDS[index(rng, COMPANY_WORDS.length)] ?? '';
    const noun = COMPANY_NOUNS[index(rng, COMPANY_NOUNS.length)] ?? '';
    const suffix = COMPANY_SUFFIXES[index(rng, COMPANY_SUFFIXES.length)] ?? '';
    const [city, state, area] = CITIES[index(rng, CITIES.length)] ?? ['', '', ''];
    // The number keeps names and domains distinct in large orgs.
    const name = `${word} ${noun} ${suffix} ${i + 1}`;
    const domain = `${word}${noun}${i + 1}.example`.toLowerCase();
    accountNames[i] = name;
    accountDomains[i] = domain;
    accountIds[i] = sink.insert('Account', {
      Name: name,
      Type: rng.next() < 0.7 ? 'Customer - Direct' : 'Prospect',
      Industry: INDUSTRIES[index(rng, INDUSTRIES.length)] ?? null,
      BillingCity: city,
      BillingState: state,
      BillingCountry: 'USA',
      Phone: phone(rng, area),
      Website: `https://www.${domain}`,
      AnnualRevenue: (1 + index(rng, 500)) * 1_000_000,
      NumberOfEmployees: 5 + index(rng, 5000),
      Rating: RATINGS[index(rng, RATINGS.length)] ?? null,
    });
  }

  for (let i = 0; i < spec.contacts; i++) {
    const f = index(rng, FIRST_NAMES.length);
    const l = index(rng, LAST_NAMES.length);
    const [city, state, area] = CITIES[index(rng, CITIES.length)] ?? ['', '', ''];
    const a = spec.accounts > 0 ? index(rng, spec.accounts) : -1;
    const domain = a >= 0 ? accountDomains[a] : FREE_MAIL[index(rng, FREE_MAIL.length)];
    sink.insert('Contact', {
      AccountId: a >= 0 ? (accountIds[a] ?? null) : null,
      FirstName: FIRST_NAMES[f] ?? null,
      LastName: LAST_NAMES[l] ?? 'Smith',
      // The record number keeps every address unique.
      Email: `${LOWER_FIRST[f]}.${LOWER_LAST[l]}${i + 1}@${domain}`,
      Phone: phone(rng, area),
      Title: TITLES[index(rng, TITLES.length)] ?? null,
      Department: DEPARTMENTS[index(rng, DEPARTMENTS.length)] ?? null,
      MailingCity: city,
      MailingState: state,
      LeadSource: LEAD_SOURCES[index(rng, LEAD_SOURCES.length)] ?? null,
    });
  }

  for (let i = 0; i < spec.leads; i++) {
    const f = index(rng, FIRST_NAMES.length);
    const l = index(rng, LAST_NAMES.length);
    const word = COMPANY_WORDS[index(rng, COMPANY_WORDS.length)] ?? '';
    const noun = COMPANY_NOUNS[index(rng, COMPANY_NOUNS.length)] ?? '';
    const [city, state, area] = CITIES[index(rng, CITIES.length)] ?? ['', '', ''];
    sink.insert('Lead', {
      FirstName: FIRST_NAMES[f] ?? null,
      LastName: LAST_NAMES[l] ?? 'Smith',
      Company: `${word} ${noun}`,
      Email: `${LOWER_FIRST[f]}.${LOWER_LAST[l]}${i + 1}@${word.toLowerCase()}${noun.toLowerCase()}.example`,
      Phone: phone(rng, area),
      City: city,
      State: state,
      Status: LEAD_STATUSES[index(rng, LEAD_STATUSES.length)] ?? null,
      Rating: RATINGS[index(rng, RATINGS.length)] ?? null,
      Industry: INDUSTRIES[index(rng, INDUSTRIES.length)] ?? null,
      LeadSource: LEAD_SOURCES[index(rng, LEAD_SOURCES.length)] ?? null,
    });
  }

  for (let i = 0; i < spec.opportunities; i++) {
    const a = spec.accounts > 0 ? index(rng, spec.accounts) : -1;
    const stage = OPPORTUNITY_STAGES[index(rng, OPPORTUNITY_STAGES.length)];
    const product = PRODUCTS[index(rng, PRODUCTS.length)] ?? '';
    sink.insert('Opportunity', {
      AccountId: a >= 0 ? (accountIds[a] ?? null) : null,
      Name: a >= 0 ? `${accountNames[a] ?? ''} - ${product}` : `${product} ${i + 1}`,
      StageName: stage?.value ?? 'Prospecting',
      Amount: (1 + index(rng, 400)) * 2_500,
      CloseDate: closeDate(rng),
      Type: OPPORTUNITY_TYPES[index(rng, OPPORTUNITY_TYPES.length)] ?? null,
      LeadSource: LEAD_SOURCES[index(rng, LEAD_SOURCES.length)] ?? null,
    });
  }
}
