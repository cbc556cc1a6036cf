// What the demo org adds to the standard objects, written in the schema-file format
// (schema-file.ts) and checked by it like any user's file. A TypeScript module rather than a
// .json file so that the build (tsc, which copies no .json) ships it in dist/.

export const DEMO_SCHEMA = {
  objects: [
    {
      name: 'Invoice__c',
      label: 'Invoice',
      labelPlural: 'Invoices',
      keyPrefix: 'a01',
      nameField: { label: 'Invoice Number', type: 'text' },
      fields: [
        { name: 'Account__c', label: 'Account', type: 'reference', referenceTo: 'Account' },
        { name: 'Amount__c', label: 'Amount', type: 'currency', precision: 18, scale: 2, required: true },
        { name: 'Status__c', label: 'Status', type: 'picklist', values: ['Draft', 'Sent', 'Paid', 'Void'], restricted: true, default: 'Draft' },
        { name: 'Due_Date__c', label: 'Due Date', type: 'date' },
        { name: 'Total_With_Tax__c', label: 'Total With Tax', type: 'currency', precision: 18, scale: 2, formula: 'Amount__c * 1.2' },
      ],
      validationRules: [
        { name: 'Positive_Amount', condition: 'Amount__c < 0', message: 'Amount must not be negative', field: 'Amount__c' },
      ],
    },
  ],
  fields: {
    Contact: [
      { name: 'Note__c', label: 'Note', type: 'text', length: 255 },
      { name: 'External_Id__c', label: 'External Id', type: 'text', length: 255, unique: true, externalId: true },
    ],
  },
} as const;
