// The machine interfaces: API keys (admin), Open311 and /api/v1 messages, the integrators' page.
export default {
  keys: {
    title: 'API keys',
    intro:
      'Other systems (the national public-service portal, one-stop systems, mobile apps, the hotline) send and look up PAKN through Open311 and the JSON API with an API key. A key is shown once, when it is created; the portal keeps only its hash.',
    docsLink: 'Integration guide',
    createTitle: 'Create a key',
    name: 'Key name',
    nameHint:
      'The system that uses the key, written to the audit log with each call (e.g. Provincial portal)',
    scopes: 'Scopes',
    scopesHint: 'Choose at least one',
    scope: {
      submit: 'Submit PAKN',
      read: 'Read PAKN status',
      staff: 'Staff: read the queue, record staff intake',
    },
    create: 'Create key',
    created: 'Key “{{name}}” created. Copy it now: it will not be shown again.',
    keyLabel: 'API key',
    listTitle: 'Keys',
    none: 'No keys yet.',
    createdAt: 'Created',
    lastUsed: 'Last used',
    never: 'Never',
    status: 'Status',
    active: 'Active',
    revokedAt: 'Revoked {{at}}',
    revoke: 'Revoke key {{name}}',
    revoked: 'Key revoked.',
    errors: {
      required: 'Enter a key name',
      tooLong: 'The key name is longer than {{max}} characters',
      invalid: 'The key name contains characters that are not allowed',
      taken: 'A key with this name already exists',
      scopes: 'Choose at least one scope',
      badRequest: 'Bad request',
    },
  },
  docs: {
    title: 'API for other systems',
    intro:
      'The portal takes in and gives out PAKN through two interfaces: Open311 GeoReport v2 (the standard of civic issue-reporting apps) and a JSON API documented by OpenAPI 3.1.',
    keyTitle: '1. Get an API key',
    keyText:
      'The agency’s administrators create keys at Admin → API keys, with scopes: submit (send PAKN), read (read status), staff (read the queue). A key is shown once; every call is audited with the key’s name and limited per minute.',
    firstCallTitle: '2. The first call',
    firstCallText:
      'Send the key in the Authorization header (JSON API) or as the api_key parameter (Open311):',
    endpointsTitle: '3. JSON API endpoints',
    method: 'Method',
    path: 'Path',
    summary: 'Summary',
    operations: {
      listFields: 'The fields (lĩnh vực) a PAKN can be filed under (scope submit)',
      submitPakn: 'Submit a PAKN (scope submit)',
      readPakn: 'A PAKN’s status and public answer (scope read)',
      listChanges: 'Status changes since a cursor, oldest first (scope read)',
      listQueue: 'Open PAKN, newest first (scope staff)',
      recordIntake: 'Record a PAKN received on another channel, with its real receipt date (scope staff)',
    },
    openapi: 'OpenAPI 3.1 document (JSON)',
    open311Title: 'Open311 GeoReport v2',
    open311Text:
      'Services are the agency’s fields; a service’s attributes are the form’s questions. Status is open/closed, with the portal’s own status (pakn_status) and the answer’s due date (due_date). A PAKN not yet published shows only its code, service, status, dates and responsible unit.',
    idempotency:
      'Send an Idempotency-Key header to make retries safe: a replay gets the code already issued.',
  },
  open311: {
    contact: 'Integration support: {{email}}, hotline {{hotline}}',
    keyService: 'API keys are issued by the agency’s administrators; guide at {{url}}',
    notice: 'PAKN {{code}} received. The submitter gets a receipt and a follow-up link by e-mail.',
    maxLength: 'At most {{max}} characters',
    yesNo: { true: 'Yes', false: 'No' },
    attribute: {
      type: 'Type: feedback (phản ánh) or petition (kiến nghị)',
      subject: 'About an administrative regulation or about administrative behaviour',
      category:
        'Category: 1 is administrative behaviour; 2–8 are about regulations (7 and 8 only for a petition)',
      submitter_kind: 'The submitter is an individual or an organisation',
      org_name: 'Organisation name (required for an organisation)',
      representative: 'Full name of the representative (required for an organisation)',
      address: 'The submitter’s contact address',
      title: 'Title (10–200 characters)',
      regulation_ref: 'The regulation concerned (number, reference, article)',
      consent:
        'The submitter consents to the processing of their personal data to handle the PAKN (must be true)',
      show_identity: 'The submitter agrees to their name being published with the answer',
    },
  },
  errors: {
    mediaUrl: 'media_url is not supported: send attachments through the JSON API (/api/v1)',
    keyMissing: 'API key (api_key) missing',
    keyInvalid: 'API key invalid or revoked',
    scope: 'The API key does not have the “{{scope}}” scope',
    rateLimited: 'Too many requests; try again in {{seconds}} seconds',
    notFound: 'Not found',
    serviceUnknown: 'Unknown service: {{code}}',
    serviceRequired: 'service_code is required',
    attributeUnknown: 'Unknown attribute: {{code}}',
    attributeValue: 'Invalid value for attribute {{code}}: {{value}}',
    field: '{{field}}: {{message}}',
    paramRule: {
      cursor: 'use the nextCursor of the previous call (a positive whole number)',
      limit: 'a whole number from 1 to {{max}}',
    },
    badParameter: 'Invalid parameter: {{name}}',
    format: 'Unsupported format: {{format}} (use json or xml)',
    method: 'Method not supported',
    idempotencyKey: 'Invalid Idempotency-Key (1–100 visible ASCII characters, no spaces)',
    idempotencyConflict:
      'This Idempotency-Key was used before for a different request: nothing registered. Each PAKN needs a key of its own.',
    body: 'The request body cannot be read',
    invalidBody: 'The request body is not valid (see error.fields)',
    noOwner:
      'This key was made from the command line and belongs to no staff member: create a staff key at Admin → API keys to record intake',
  },
};
