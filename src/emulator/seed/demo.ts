// The demo org's records (`--seed demo`, the default): a small, realistic sales org of
// Accounts with their Contacts, Leads, Opportunities through 2026 and a few Invoice__c.
// Needs the demo schema (demoOrgSchema: Contact.Note__c, Contact.External_Id__c, Invoice__c).
// Deterministic: fixed data, and a seeded PRNG for the choices, so ids and values are the same
// on every run. All domains end in `.example` and phone numbers use 555, so nothing is real.

import { Random } from './random.js';
import type { SeedSink } from './sink.js';

interface DemoAccount {
  name: string;
  industry: string;
  type: string;
  city: string;
  state: string | null;
  postalCode: string;
  country: string;
  areaCode: string;
  revenue: number;
  employees: number;
  rating: string;
  /** Index of the parent account in ACCOUNTS. */
  parent?: number;
}

const ACCOUNTS: readonly DemoAccount[] = [
  { name: 'Acme Robotics', industry: 'Manufacturing', type: 'Customer - Direct', city: 'San Francisco', state: 'CA', postalCode: '94107', country: 'USA', areaCode: '415', revenue: 48_000_000, employees: 320, rating: 'Hot' },
  { name: 'Blue Harbor Logistics', industry: 'Transportation', type: 'Customer - Direct', city: 'Seattle', state: 'WA', postalCode: '98101', country: 'USA', areaCode: '206', revenue: 125_000_000, employees: 1450, rating: 'Warm' },
  { name: 'Cedar & Pine Furniture', industry: 'Retail', type: 'Customer - Channel', city: 'Portland', state: 'OR', postalCode: '97205', country: 'USA', areaCode: '503', revenue: 9_500_000, employees: 85, rating: 'Warm' },
  { name: 'Northstar Analytics', industry: 'Technology', type: 'Prospect', city: 'Austin', state: 'TX', postalCode: '78701', country: 'USA', areaCode: '512', revenue: 22_000_000, employees: 140, rating: 'Hot' },
  { name: 'Summit Health Partners', industry: 'Healthcare', type: 'Customer - Direct', city: 'Denver', state: 'CO', postalCode: '80202', country: 'USA', areaCode: '303', revenue: 310_000_000, employees: 2800, rating: 'Warm' },
  { name: 'Redwood Financial Group', industry: 'Finance', type: 'Customer - Direct', city: 'Charlotte', state: 'NC', postalCode: '28202', country: 'USA', areaCode: '704', revenue: 540_000_000, employees: 3900, rating: 'Cold' },
  { name: 'Lakeshore Energy Co-op', industry: 'Energy', type: 'Prospect', city: 'Chicago', state: 'IL', postalCode: '60601', country: 'USA', areaCode: '312', revenue: 76_000_000, employees: 410, rating: 'Warm' },
  { name: 'Brightline Media', industry: 'Media', type: 'Channel Partner / Reseller', city: 'New York', state: 'NY', postalCode: '10013', country: 'USA', areaCode: '212', revenue: 18_000_000, employees: 120, rating: 'Hot' },
  { name: 'Golden Gate Biotech', industry: 'Biotechnology', type: 'Prospect', city: 'South San Francisco', state: 'CA', postalCode: '94080', country: 'USA', areaCode: '650', revenue: 64_000_000, employees: 230, rating: 'Hot' },
  { name: 'Pioneer Agritech', industry: 'Agriculture', type: 'Customer - Direct', city: 'Des Moines', state: 'IA', postalCode: '50309', country: 'USA', areaCode: '515', revenue: 41_000_000, employees: 260, rating: 'Cold' },
  { name: 'Harborview Hotels', industry: 'Hospitality', type: 'Customer - Channel', city: 'Miami', state: 'FL', postalCode: '33131', country: 'USA', areaCode: '305', revenue: 150_000_000, employees: 2100, rating: 'Warm' },
  { name: 'Ironclad Construction', industry: 'Construction', type: 'Customer - Direct', city: 'Phoenix', state: 'AZ', postalCode: '85004', country: 'USA', areaCode: '602', revenue: 88_000_000, employees: 760, rating: 'Warm' },
  { name: 'Silverline Telecom', industry: 'Telecommunications', type: 'Technology Partner', city: 'Dallas', state: 'TX', postalCode: '75201', country: 'USA', areaCode: '214', revenue: 420_000_000, employees: 5200, rating: 'Cold' },
  { name: 'Evergreen University Press', industry: 'Education', type: 'Customer - Direct', city: 'Boston', state: 'MA', postalCode: '02116', country: 'USA', areaCode: '617', revenue: 12_000_000, employees: 95, rating: 'Cold' },
  { name: 'Quantum Circuits', industry: 'Electronics', type: 'Technology Partner', city: 'San Jose', state: 'CA', postalCode: '95113', country: 'USA', areaCode: '408', revenue: 205_000_000, employees: 1300, rating: 'Hot' },
  { name: 'Maple Leaf Insurance', industry: 'Insurance', type: 'Customer - Direct', city: 'Toronto', state: 'ON', postalCode: 'M5H 2N2', country: 'Canada', areaCode: '416', revenue: 380_000_000, employees: 2600, rating: 'Warm' },
  { name: 'Thames Consulting Ltd', industry: 'Consulting', type: 'Installation Partner', city: 'London', state: null, postalCode: 'EC2A 4NE', country: 'United Kingdom', areaCode: '020', revenue: 27_000_000, employees: 180, rating: 'Warm' },
  { name: 'Rhine Chemicals GmbH', industry: 'Chemicals', type: 'Prospect', city: 'Cologne', state: null, postalCode: '50667', country: 'Germany', areaCode: '0221', revenue: 960_000_000, employees: 6100, rating: 'Cold' },
  { name: 'Sakura Apparel', industry: 'Apparel', type: 'Customer - Channel', city: 'Osaka', state: null, postalCode: '530-0001', country: 'Japan', areaCode: '06', revenue: 73_000_000, employees: 540, rating: 'Warm' },
  { name: 'Outback Shipping', industry: 'Shipping', type: 'Customer - Direct', city: 'Sydney', state: 'NSW', postalCode: '2000', country: 'Australia', areaCode: '02', revenue: 112_000_000, employees: 890, rating: 'Cold' },
  { name: 'Clearwater Utilities', industry: 'Utilities', type: 'Customer - Direct', city: 'Sacramento', state: 'CA', postalCode: '95814', country: 'USA', areaCode: '916', revenue: 260_000_000, employees: 1700, rating: 'Cold' },
  { name: 'Fresh Fields Foods', industry: 'Food & Beverage', type: 'Customer - Channel', city: 'Minneapolis', state: 'MN', postalCode: '55402', country: 'USA', areaCode: '612', revenue: 95_000_000, employees: 1100, rating: 'Warm' },
  { name: 'Keystone Engineering', industry: 'Engineering', type: 'Installation Partner', city: 'Pittsburgh', state: 'PA', postalCode: '15222', country: 'USA', areaCode: '412', revenue: 54_000_000, employees: 430, rating: 'Warm' },
  { name: 'Starlight Entertainment', industry: 'Entertainment', type: 'Prospect', city: 'Los Angeles', state: 'CA', postalCode: '90028', country: 'USA', areaCode: '323', revenue: 36_000_000, employees: 210, rating: 'Hot' },
  { name: 'Greenway Environmental', industry: 'Environmental', type: 'Prospect', city: 'Boulder', state: 'CO', postalCode: '80302', country: 'USA', areaCode: '720', revenue: 8_000_000, employees: 45, rating: 'Warm' },
  { name: 'Civic Data Services', industry: 'Government', type: 'Customer - Direct', city: 'Washington', state: 'DC', postalCode: '20001', country: 'USA', areaCode: '202', revenue: 15_000_000, employees: 130, rating: 'Cold' },
  { name: 'Hope Harbor Foundation', industry: 'Not For Profit', type: 'Other', city: 'Baltimore', state: 'MD', postalCode: '21202', country: 'USA', areaCode: '410', revenue: 4_000_000, employees: 35, rating: 'Cold' },
  { name: 'Atlas Machinery', industry: 'Machinery', type: 'Customer - Direct', city: 'Milwaukee', state: 'WI', postalCode: '53202', country: 'USA', areaCode: '414', revenue: 132_000_000, employees: 980, rating: 'Warm' },
  { name: 'Ridgeline Outfitters', industry: 'Recreation', type: 'Customer - Channel', city: 'Salt Lake City', state: 'UT', postalCode: '84101', country: 'USA', areaCode: '801', revenue: 23_000_000, employees: 160, rating: 'Hot' },
  { name: 'Pacific Crest Bank', industry: 'Banking', type: 'Prospect', city: 'Honolulu', state: 'HI', postalCode: '96813', country: 'USA', areaCode: '808', revenue: 190_000_000, employees: 1200, rating: 'Warm' },
  { name: 'Acme Robotics Europe', industry: 'Manufacturing', type: 'Customer - Direct', city: 'Amsterdam', state: null, postalCode: '1012 AB', country: 'Netherlands', areaCode: '020', revenue: 16_000_000, employees: 90, rating: 'Warm', parent: 0 },
  { name: 'Summit Health Labs', industry: 'Healthcare', type: 'Customer - Direct', city: 'Aurora', state: 'CO', postalCode: '80012', country: 'USA', areaCode: '303', revenue: 42_000_000, employees: 300, rating: 'Warm', parent: 4 },
];

const STREETS = ['Market St', 'Main St', 'Oak Ave', 'Harbor Blvd', 'Cedar Ln', 'Park Ave', 'Mission St', 'Lake Shore Dr', 'Pine St', 'Elm St', 'Broadway', 'River Rd'];

const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Ethan', 'Sophia', 'Mason', 'Isabella', 'Lucas', 'Mia', 'Aiden', 'Amelia',
  'Elijah', 'Harper', 'James', 'Evelyn', 'Benjamin', 'Abigail', 'Daniel', 'Priya', 'Wei', 'Carlos', 'Fatima', 'Hiroshi',
  'Ingrid', 'Mateo', 'Aisha', 'Lars', 'Chloe', 'Rahul', 'Sofia', 'Diego', 'Hannah', 'Omar', 'Grace', 'Kenji', 'Nora',
];
const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Lopez', 'Wilson', 'Anderson', 'Taylor',
  'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Young',
  'Patel', 'Chen', 'Nguyen', 'Kim', 'Okafor', 'Schmidt', 'Rossi', 'Tanaka', 'Novak', 'Silva', "O'Brien", 'Haddad',
];
const SENIOR_TITLES: readonly [string, string][] = [
  ['Chief Executive Officer', 'Executive'], ['VP of Sales', 'Sales'], ['Chief Financial Officer', 'Finance'],
  ['Chief Technology Officer', 'Engineering'], ['VP of Operations', 'Operations'], ['Director of Procurement', 'Procurement'],
  ['Head of IT', 'IT'], ['VP of Marketing', 'Marketing'],
];
const STAFF_TITLES: readonly [string, string][] = [
  ['Procurement Manager', 'Procurement'], ['IT Manager', 'IT'], ['Account Manager', 'Sales'],
  ['Operations Analyst', 'Operations'], ['Senior Software Engineer', 'Engineering'], ['Marketing Coordinator', 'Marketing'],
  ['Finance Manager', 'Finance'], ['Office Manager', 'Administration'],
];
const NOTES = [
  'Prefers email over phone calls.',
  'Met at the Austin trade show in 2025; interested in the analytics add-on.',
  'Decision maker for renewals. Budget cycle starts in October.',
  'Asked for a follow-up demo with their IT team.',
  'Out of office until mid-January.',
];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

interface DemoLead {
  first: string;
  last: string;
  company: string;
  title: string;
  city: string;
  state: string;
  industry: string;
  status: string;
  rating: string;
  source: string;
  employees: number;
}

const LEADS: readonly DemoLead[] = [
  { first: 'Marcus', last: 'Reed', company: 'Copperleaf Studios', title: 'Creative Director', city: 'Nashville', state: 'TN', industry: 'Media', status: 'Open - Not Contacted', rating: 'Warm', source: 'Web', employees: 40 },
  { first: 'Elena', last: 'Vasquez', company: 'Mesa Solar', title: 'COO', city: 'Albuquerque', state: 'NM', industry: 'Energy', status: 'Working - Contacted', rating: 'Hot', source: 'Partner Referral', employees: 220 },
  { first: 'Tobias', last: 'Lindqvist', company: 'Fjord Software', title: 'CTO', city: 'Minneapolis', state: 'MN', industry: 'Technology', status: 'Working - Contacted', rating: 'Hot', source: 'Web', employees: 75 },
  { first: 'Grace', last: 'Okonkwo', company: 'Riverbend Clinics', title: 'Practice Manager', city: 'Atlanta', state: 'GA', industry: 'Healthcare', status: 'Open - Not Contacted', rating: 'Warm', source: 'Phone Inquiry', employees: 310 },
  { first: 'Samuel', last: 'Ortiz', company: 'Ortiz Family Farms', title: 'Owner', city: 'Fresno', state: 'CA', industry: 'Agriculture', status: 'Closed - Not Converted', rating: 'Cold', source: 'Purchased List', employees: 18 },
  { first: 'Yuki', last: 'Nakamura', company: 'Bento Box Catering', title: 'General Manager', city: 'San Diego', state: 'CA', industry: 'Food & Beverage', status: 'Open - Not Contacted', rating: 'Cold', source: 'Web', employees: 25 },
  { first: 'Hannah', last: 'Becker', company: 'Alpine Ski Rentals', title: 'Operations Lead', city: 'Aspen', state: 'CO', industry: 'Recreation', status: 'Working - Contacted', rating: 'Warm', source: 'Other', employees: 12 },
  { first: 'David', last: 'Mensah', company: 'Keyline Security', title: 'Head of IT', city: 'Columbus', state: 'OH', industry: 'Technology', status: 'Open - Not Contacted', rating: 'Hot', source: 'Partner Referral', employees: 140 },
  { first: 'Laura', last: 'Fischer', company: 'Brightwater Schools', title: 'Superintendent', city: 'Madison', state: 'WI', industry: 'Education', status: 'Closed - Not Converted', rating: 'Cold', source: 'Phone Inquiry', employees: 600 },
  { first: 'Arjun', last: 'Mehta', company: 'Lotus Pharma', title: 'Procurement Director', city: 'Newark', state: 'NJ', industry: 'Biotechnology', status: 'Working - Contacted', rating: 'Hot', source: 'Web', employees: 480 },
  { first: 'Chloe', last: 'Dubois', company: 'Petit Bistro Group', title: 'Owner', city: 'New Orleans', state: 'LA', industry: 'Hospitality', status: 'Open - Not Contacted', rating: 'Warm', source: 'Web', employees: 60 },
  { first: 'Ryan', last: 'Gallagher', company: 'Granite State Builders', title: 'Project Manager', city: 'Manchester', state: 'NH', industry: 'Construction', status: 'Open - Not Contacted', rating: 'Warm', source: 'Purchased List', employees: 95 },
  { first: 'Mei', last: 'Lin', company: 'Jade Logistics', title: 'VP Supply Chain', city: 'Oakland', state: 'CA', industry: 'Transportation', status: 'Working - Contacted', rating: 'Hot', source: 'Partner Referral', employees: 350 },
  { first: 'Victor', last: 'Petrov', company: 'Volga Machine Works', title: 'Plant Manager', city: 'Detroit', state: 'MI', industry: 'Machinery', status: 'Closed - Converted', rating: 'Warm', source: 'Other', employees: 720 },
  { first: 'Zoe', last: 'Campbell', company: 'Highland Insurance Brokers', title: 'Partner', city: 'Richmond', state: 'VA', industry: 'Insurance', status: 'Open - Not Contacted', rating: 'Cold', source: 'Web', employees: 30 },
];

/** [account index, product, stage, amount, close date, type] */
const OPPORTUNITIES: readonly [number, string, string, number, string, string][] = [
  [0, 'Assembly Line Automation', 'Negotiation/Review', 420_000, '2026-02-27', 'Existing Customer - Upgrade'],
  [1, 'Fleet Tracking Rollout', 'Closed Won', 185_000, '2026-01-30', 'Existing Customer - Upgrade'],
  [2, 'POS Integration', 'Proposal/Price Quote', 38_500, '2026-03-16', 'Existing Customer - Upgrade'],
  [3, 'Analytics Platform Pilot', 'Qualification', 60_000, '2026-04-10', 'New Customer'],
  [4, 'Patient Portal Expansion', 'Value Proposition', 275_000, '2026-05-29', 'Existing Customer - Upgrade'],
  [5, 'Compliance Reporting Suite', 'Closed Lost', 510_000, '2026-01-15', 'Existing Customer - Replacement'],
  [6, 'Grid Monitoring Sensors', 'Prospecting', 140_000, '2026-06-30', 'New Customer'],
  [7, 'Reseller Agreement 2026', 'Closed Won', 95_000, '2026-02-02', 'Existing Customer - Upgrade'],
  [8, 'Lab Data Management', 'Id. Decision Makers', 230_000, '2026-07-17', 'New Customer'],
  [9, 'Crop Yield Forecasting', 'Needs Analysis', 72_000, '2026-05-08', 'Existing Customer - Upgrade'],
  [10, 'Guest Wi-Fi Upgrade', 'Perception Analysis', 118_000, '2026-04-24', 'Existing Customer - Replacement'],
  [11, 'Site Safety Tablets', 'Closed Won', 64_000, '2026-03-03', 'Existing Customer - Upgrade'],
  [12, 'Network Operations Center', 'Negotiation/Review', 890_000, '2026-06-12', 'Existing Customer - Upgrade'],
  [14, 'Test Equipment Lease', 'Proposal/Price Quote', 156_000, '2026-08-21', 'Existing Customer - Downgrade'],
  [15, 'Claims Processing Automation', 'Value Proposition', 340_000, '2026-09-30', 'Existing Customer - Upgrade'],
  [17, 'ERP Migration', 'Prospecting', 1_250_000, '2026-11-27', 'New Customer'],
  [19, 'Port Scheduling System', 'Qualification', 205_000, '2026-10-16', 'Existing Customer - Upgrade'],
  [21, 'Cold Chain Monitoring', 'Closed Lost', 47_000, '2026-02-20', 'Existing Customer - Replacement'],
  [27, 'Predictive Maintenance', 'Needs Analysis', 310_000, '2026-08-07', 'Existing Customer - Upgrade'],
  [29, 'Core Banking Assessment', 'Prospecting', 99_000, '2026-12-11', 'New Customer'],
];

/** [account index, amount, status, due date] */
const INVOICES: readonly [number, number, string, string][] = [
  [0, 12_500, 'Paid', '2026-01-31'],
  [1, 46_250, 'Sent', '2026-02-28'],
  [7, 8_900.5, 'Draft', '2026-03-15'],
  [11, 21_300, 'Paid', '2026-02-10'],
  [0, 3_750.75, 'Sent', '2026-03-31'],
];

/** `Cedar & Pine Furniture` → `cedarpinefurniture.example` */
function domainOf(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}.example`;
}

function emailLocal(first: string, last: string): string {
  return `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
}

function phoneNumber(areaCode: string, rng: Random): string {
  return `(${areaCode}) 555-0${rng.int(100, 199)}`;
}

export function seedDemo(sink: SeedSink): void {
  const rng = new Random(20260101);
  const accountIds: string[] = [];
  for (const a of ACCOUNTS) {
    const domain = domainOf(a.name);
    accountIds.push(sink.insert('Account', {
      Name: a.name,
      Type: a.type,
      Industry: a.industry,
      ParentId: a.parent === undefined ? null : (accountIds[a.parent] ?? null),
      BillingStreet: `${rng.int(10, 9800)} ${rng.pick(STREETS)}`,
      BillingCity: a.city,
      BillingState: a.state,
      BillingPostalCode: a.postalCode,
      BillingCountry: a.country,
      Phone: phoneNumber(a.areaCode, rng),
      Website: `https://www.${domain}`,
      AnnualRevenue: a.revenue,
      NumberOfEmployees: a.employees,
      Rating: a.rating,
      AccountSource: rng.pick(LEAD_SOURCES),
      Description: `${a.industry} company based in ${a.city}.`,
    }));
  }

  const usedNames = new Set<string>();
  let contactNumber = 0;
  ACCOUNTS.forEach((a, i) => {
    const accountId = accountIds[i] ?? null;
    let manager: string | null = null;
    for (const titles of [SENIOR_TITLES, STAFF_TITLES]) {
      let first: string;
      let last: string;
      do {
        first = rng.pick(FIRST_NAMES);
        last = rng.pick(LAST_NAMES);
      } while (usedNames.has(`${first} ${last}`));
      usedNames.add(`${first} ${last}`);
      const [title, department] = rng.pick(titles);
      contactNumber++;
      const id = sink.insert('Contact', {
        AccountId: accountId,
        Salutation: contactNumber % 5 === 0 ? rng.pick(['Mr.', 'Ms.', 'Dr.']) : null,
        FirstName: first,
        LastName: last,
        Email: `${emailLocal(first, last)}@${domainOf(a.name)}`,
        Phone: phoneNumber(a.areaCode, rng),
        MobilePhone: contactNumber % 3 === 0 ? phoneNumber(a.areaCode, rng) : null,
        Title: title,
        Department: department,
        ReportsToId: manager,
        MailingCity: a.city,
        MailingState: a.state,
        MailingCountry: a.country,
        LeadSource: rng.pick(LEAD_SOURCES),
        Birthdate: contactNumber % 4 === 0 ? `19${rng.int(60, 99)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}` : null,
        HasOptedOutOfEmail: contactNumber % 11 === 0,
        Note__c: contactNumber % 4 === 1 ? rng.pick(NOTES) : null,
        External_Id__c: contactNumber % 8 === 0 ? `ERP-${10000 + contactNumber}` : null,
      });
      manager ??= id;
    }
  });

  for (const l of LEADS) {
    sink.insert('Lead', {
      FirstName: l.first,
      LastName: l.last,
      Company: l.company,
      Title: l.title,
      Email: `${emailLocal(l.first, l.last)}@${domainOf(l.company)}`,
      Phone: phoneNumber(String(rng.int(201, 989)), rng),
      City: l.city,
      State: l.state,
      Country: 'USA',
      Industry: l.industry,
      Status: l.status,
      Rating: l.rating,
      LeadSource: l.source,
      NumberOfEmployees: l.employees,
      AnnualRevenue: l.employees * 150_000,
    });
  }

  for (const [account, product, stage, amount, closeDate, type] of OPPORTUNITIES) {
    sink.insert('Opportunity', {
      AccountId: accountIds[account] ?? null,
      Name: `${ACCOUNTS[account]?.name ?? 'Unknown'} - ${product}`,
      StageName: stage,
      Amount: amount,
      CloseDate: closeDate,
      Type: type,
      LeadSource: rng.pick(LEAD_SOURCES),
      NextStep: stage.startsWith('Closed') ? null : rng.pick(['Send proposal', 'Schedule demo', 'Security review', 'Pricing call', 'Legal review']),
    });
  }

  INVOICES.forEach(([account, amount, status, due], i) => {
    sink.insert('Invoice__c', {
      Name: `INV-${String(i + 1).padStart(4, '0')}`,
      Account__c: accountIds[account] ?? null,
      Amount__c: amount,
      Status__c: status,
      Due_Date__c: due,
    });
  });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
