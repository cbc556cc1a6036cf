// The standard sObjects every emulated org has: Account, Contact, Lead, Opportunity and User,
// with the fields, key prefixes and required-field rules of a real org's describe (a useful
// subset of them; salesforce-api-notes §2.3, §7). Built fresh on each call so that one org's
// registry never shares mutable definitions with another's.

import {
  checkbox, currency, date, email, int, percent, personName, phone, picklist, reference,
  systemFields, text, textarea, url,
} from './field.js';
import type { FieldDef, SObjectDef } from './types.js';

/** An sObject as written down, before its case-insensitive field index is built. */
export type SObjectSpec = Omit<SObjectDef, 'fieldsByLowerName'>;

/** Fills `fieldsByLowerName`; the field objects themselves are kept, not copied. */
export function defineSObject(spec: SObjectSpec): SObjectDef {
  const fieldsByLowerName = new Map<string, FieldDef>();
  for (const f of spec.fields) {
    const key = f.name.toLowerCase();
    if (fieldsByLowerName.has(key)) throw new Error(`${spec.name}: duplicate field ${f.name}`);
    fieldsByLowerName.set(key, f);
  }
  return { ...spec, fields: [...spec.fields], validationRules: [...spec.validationRules], fieldsByLowerName };
}

interface StandardObject {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  hasOwner: boolean;
  /** Deletable objects also have IsDeleted (the Recycle Bin); User has neither. */
  deletable: boolean;
  fields: FieldDef[];
}

function standard(o: StandardObject): SObjectDef {
  const system = systemFields(o.label, { owner: o.hasOwner, softDelete: o.deletable });
  return defineSObject({
    name: o.name,
    label: o.label,
    labelPlural: o.labelPlural,
    keyPrefix: o.keyPrefix,
    custom: false,
    createable: true,
    updateable: true,
    deletable: o.deletable,
    fields: [...system.head, ...o.fields, ...system.tail],
    validationRules: [],
  });
}

export const ACCOUNT_TYPES = [
  'Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller',
  'Installation Partner', 'Technology Partner', 'Other',
] as const;

export const INDUSTRIES = [
  'Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction',
  'Consulting', 'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental',
  'Finance', 'Food & Beverage', 'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery',
  'Manufacturing', 'Media', 'Not For Profit', 'Recreation', 'Retail', 'Shipping', 'Technology',
  'Telecommunications', 'Transportation', 'Utilities', 'Other',
] as const;

export const RATINGS = ['Hot', 'Warm', 'Cold'] as const;
export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] as const;
export const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'] as const;
export const LEAD_STATUSES = [
  'Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted',
] as const;
export const OPPORTUNITY_TYPES = [
  'Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer',
] as const;

/**
 * Opportunity stages with what a real org derives from them: the default Probability and
 * the read-only IsClosed/IsWon flags (the emulator sets those on every save).
 */
export const OPPORTUNITY_STAGES: readonly { value: string; probability: number; closed: boolean; won: boolean }[] = [
  { value: 'Prospecting', probability: 10, closed: false, won: false },
  { value: 'Qualification', probability: 10, closed: false, won: false },
  { value: 'Needs Analysis', probability: 20, closed: false, won: false },
  { value: 'Value Proposition', probability: 50, closed: false, won: false },
  { value: 'Id. Decision Makers', probability: 60, closed: false, won: false },
  { value: 'Perception Analysis', probability: 70, closed: false, won: false },
  { value: 'Proposal/Price Quote', probability: 75, closed: false, won: false },
  { value: 'Negotiation/Review', probability: 90, closed: false, won: false },
  { value: 'Closed Won', probability: 100, closed: true, won: true },
  { value: 'Closed Lost', probability: 0, closed: true, won: false },
];

/** Street, city, state, postal code and country of one address (e.g. `Billing`, `Mailing`, ``). */
function address(prefix: string, labelPrefix: string): FieldDef[] {
  const l = labelPrefix ? `${labelPrefix} ` : '';
  return [
    textarea(`${prefix}Street`, `${l}Street`, 255),
    text(`${prefix}City`, `${l}City`, 40),
    text(`${prefix}State`, `${l}State/Province`, 80),
    text(`${prefix}PostalCode`, `${l}Zip/Postal Code`, 20),
    text(`${prefix}Country`, `${l}Country`, 80),
  ];
}

const description = (): FieldDef => textarea('Description', 'Description', 32000);

function account(): SObjectDef {
  return standard({
    name: 'Account', label: 'Account', labelPlural: 'Accounts', keyPrefix: '001', hasOwner: true, deletable: true,
    fields: [
      text('Name', 'Account Name', 255, { required: true, nameField: true, idLookup: true }),
      picklist('Type', 'Account Type', ACCOUNT_TYPES),
      reference('ParentId', 'Parent Account ID', ['Account'], 'Parent', { childRelationshipName: 'ChildAccounts' }),
      ...address('Billing', 'Billing'),
      ...address('Shipping', 'Shipping'),
      phone('Phone', 'Account Phone'),
      phone('Fax', 'Account Fax'),
      text('AccountNumber', 'Account Number', 40),
      url('Website', 'Website'),
      picklist('Industry', 'Industry', INDUSTRIES),
      currency('AnnualRevenue', 'Annual Revenue', 18, 0),
      int('NumberOfEmployees', 'Employees', 8),
      picklist('Ownership', 'Ownership', ['Public', 'Private', 'Subsidiary', 'Other']),
      text('TickerSymbol', 'Ticker Symbol', 20),
      description(),
      picklist('Rating', 'Account Rating', RATINGS),
      text('Site', 'Account Site', 80),
      picklist('AccountSource', 'Account Source', LEAD_SOURCES),
    ],
  });
}

function contact(): SObjectDef {
  return standard({
    name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003', hasOwner: true, deletable: true,
    fields: [
      reference('AccountId', 'Account ID', ['Account'], 'Account', { childRelationshipName: 'Contacts' }),
      text('LastName', 'Last Name', 80, { required: true }),
      text('FirstName', 'First Name', 40),
      picklist('Salutation', 'Salutation', SALUTATIONS),
      personName(),
      ...address('Mailing', 'Mailing'),
      phone('Phone', 'Business Phone'),
      phone('Fax', 'Business Fax'),
      phone('MobilePhone', 'Mobile Phone'),
      phone('HomePhone', 'Home Phone'),
      reference('ReportsToId', 'Reports To ID', ['Contact'], 'ReportsTo'),
      email('Email', 'Email', { idLookup: true }),
      text('Title', 'Title', 128),
      text('Department', 'Department', 80),
      picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
      date('Birthdate', 'Birthdate'),
      description(),
      checkbox('HasOptedOutOfEmail', 'Email Opt Out'),
      checkbox('DoNotCall', 'Do Not Call'),
    ],
  });
}

function lead(): SObjectDef {
  return standard({
    name: 'Lead', label: 'Lead', labelPlural: 'Leads', keyPrefix: '00Q', hasOwner: true, deletable: true,
    fields: [
      text('LastName', 'Last Name', 80, { required: true }),
      text('FirstName', 'First Name', 40),
      picklist('Salutation', 'Salutation', SALUTATIONS),
      personName(),
      text('Title', 'Title', 128),
      text('Company', 'Company', 255, { required: true }),
      ...address('', ''),
      phone('Phone', 'Phone'),
      phone('MobilePhone', 'Mobile Phone'),
      email('Email', 'Email', { idLookup: true }),
      url('Website', 'Website'),
      description(),
      picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
      picklist('Status', 'Status', LEAD_STATUSES, { restricted: true, required: true, default: 'Open - Not Contacted' }),
      picklist('Industry', 'Industry', INDUSTRIES),
      picklist('Rating', 'Rating', RATINGS),
      currency('AnnualRevenue', 'Annual Revenue', 18, 0),
      int('NumberOfEmployees', 'Employees', 8),
      checkbox('HasOptedOutOfEmail', 'Email Opt Out'),
      checkbox('DoNotCall', 'Do Not Call'),
      // Conversion is not emulated; a lead can be created as converted but never changed to it.
      checkbox('IsConverted', 'Converted', { updateable: false }),
      date('ConvertedDate', 'Converted Date', { createable: false, updateable: false }),
    ],
  });
}

function opportunity(): SObjectDef {
  return standard({
    name: 'Opportunity', label: 'Opportunity', labelPlural: 'Opportunities', keyPrefix: '006', hasOwner: true,
    deletable: true,
    fields: [
      reference('AccountId', 'Account ID', ['Account'], 'Account', { childRelationshipName: 'Opportunities' }),
      text('Name', 'Name', 120, { required: true, nameField: true }),
      description(),
      picklist('StageName', 'Stage', OPPORTUNITY_STAGES.map((s) => s.value), { restricted: true, required: true }),
      currency('Amount', 'Amount', 18, 2),
      percent('Probability', 'Probability (%)', 3, 0),
      date('CloseDate', 'Close Date', { required: true }),
      picklist('Type', 'Opportunity Type', OPPORTUNITY_TYPES),
      text('NextStep', 'Next Step', 255),
      picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
      checkbox('IsClosed', 'Closed', { createable: false, updateable: false }),
      checkbox('IsWon', 'Won', { createable: false, updateable: false }),
    ],
  });
}

export const TIME_ZONES = [
  'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York', 'Europe/London',
  'Europe/Paris', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney', 'GMT',
] as const;

function user(): SObjectDef {
  const required = { required: true, restricted: true };
  return standard({
    name: 'User', label: 'User', labelPlural: 'Users', keyPrefix: '005', hasOwner: false, deletable: false,
    fields: [
      text('Username', 'Username', 80, { required: true, unique: true, idLookup: true }),
      text('LastName', 'Last Name', 80, { required: true }),
      text('FirstName', 'First Name', 40),
      personName(),
      text('CompanyName', 'Company Name', 80),
      text('Department', 'Department', 80),
      text('Title', 'Title', 80),
      email('Email', 'Email', { required: true }),
      phone('Phone', 'Phone'),
      phone('MobilePhone', 'Mobile'),
      text('Alias', 'Alias', 8, { required: true }),
      text('CommunityNickname', 'Nickname', 40),
      checkbox('IsActive', 'Active', { defaultValue: true }),
      picklist('TimeZoneSidKey', 'Time Zone', TIME_ZONES, required),
      picklist('LocaleSidKey', 'Locale', ['en_US', 'en_GB', 'fr_FR', 'de_DE', 'ja_JP'], required),
      picklist('EmailEncodingKey', 'Email Encoding', ['UTF-8', 'ISO-8859-1'], required),
      picklist('LanguageLocaleKey', 'Language', ['en_US', 'fr', 'de', 'ja'], required),
      reference('ManagerId', 'Manager ID', ['User'], 'Manager', { childRelationshipName: 'ManagedUsers' }),
    ],
  });
}

/** Account, Contact, Lead, Opportunity and User, in the order describeGlobal lists them. */
export function standardObjects(): SObjectDef[] {
  return [account(), contact(), lead(), opportunity(), user()];
}
