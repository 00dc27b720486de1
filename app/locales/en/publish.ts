// Publishing an answer (issue #4): the staff page /can-bo/pakn/$id/cong-khai.
export default {
  link: 'Publish the answer',
  editLink: 'Edit the published answer',
  title: 'Publish the result of {{code}}',
  back: 'Back to record {{code}}',
  intro:
    'The answer is published on the portal once personal data is removed. Every piece of personal data found must be redacted, or kept with a reason, before publishing.',
  state: {
    label: 'Publication',
    none: 'Not published',
    published: 'Published since {{date}}',
    withdrawn: 'Withdrawn',
    withdrawnReason: 'Reason for withdrawal: {{reason}}',
    viewPublic: 'View the public page',
  },
  due: {
    label: 'Publish by',
    why: '{{days}} working days after the answer of {{answered}}',
    skipped: '{{span}} skipped ({{reason}})',
    onTime: 'Published on time',
    late: 'Published late',
  },
  outcome: 'Outcome',
  outcomeHint: 'As in the answer approved by the leader.',
  identity: "Submitter's identity",
  identityYes: 'The submitter agreed to show their identity: their name is shown with the result.',
  identityNo:
    "The submitter did not agree to show their identity: do not mention the submitter's name, address or contacts.",
  fields: {
    title: 'Public title',
    summary: 'Public summary',
    summaryHint:
      "Prefilled from the submitter's text; shorten it and leave out details that identify the submitter.",
    answer: 'Public answer',
    answerHint:
      'Allowed: paragraphs, **bold**, *italic*, lists, headings (#) and http(s) links. HTML is shown as typed.',
  },
  files: {
    title: 'Attachments',
    intro:
      'Files on the record are never published directly. To publish one, upload a copy with the personal data blacked out, then select it under “Published files”. Upload files before writing the texts below.',
    originals: 'Files on the record',
    noOriginals: 'The record has no attachments.',
    download: 'Download “{{name}}”',
    copyLabel: 'Redacted copy of “{{name}}”',
    copyButton: 'Upload the redacted copy',
    letter: 'Signed official letter (PDF)',
    letterHint: 'The scanned or digitally signed reply letter, as a PDF.',
    letterButton: 'Upload the letter',
    publicFiles: 'Published files',
    publicFilesHint: 'File names are checked for personal data too.',
    noStaffFiles: 'No file to publish yet.',
    isPublic: 'published',
    size: '{{name}} ({{size}})',
    uploaded: 'Uploaded “{{name}}”. Select it under “Published files” to publish it.',
    letterPdf: 'The official letter must be a PDF file',
    noFile: 'Choose a file to upload',
    badRequest: 'The upload could not be read. Please try again.',
  },
  flags: {
    title: 'Personal data found',
    intro:
      'Each item must be redacted or kept with a reason. Redacted text is replaced by “[đã ẩn thông tin cá nhân]”; a redacted file name is replaced by a neutral name.',
    none: 'No personal data found in the title, summary, answer and file names.',
    legend: '{{kind}} in the {{source}}: “{{text}}”',
    occurrences: 'Found {{count}} times',
    redact: 'Redact',
    dismiss: 'Keep',
    reason: 'Reason for keeping it',
    reasonHint:
      'Required when kept, e.g. the submitter agreed to show their identity; this is an agency, not a person.',
    identityHint:
      'The submitter agreed to show their identity: you may keep their name, giving this as the reason.',
    hideAllHint:
      'Redact every item of one kind at once. Items kept with a reason stay kept; each item can still be changed.',
    hideAll: {
      phone: 'Redact all phone numbers ({{count}})',
      email: 'Redact all e-mail addresses ({{count}})',
      national_id: 'Redact all ID card numbers ({{count}})',
      tax_code: 'Redact all tax codes ({{count}})',
      name: 'Redact all names ({{count}})',
      address: 'Redact all addresses ({{count}})',
    },
    hiddenAll: '“{{kind}}” items set to redact ({{count}}). Select “Publish” when you have reviewed them.',
  },
  kind: {
    phone: 'Phone number',
    email: 'E-mail address',
    national_id: 'ID card number',
    tax_code: 'Tax code',
    name: 'Name',
    address: 'Address',
  },
  source: {
    title: 'title',
    summary: 'summary',
    answer: 'answer',
    file: 'file name “{{name}}”',
  },
  check: 'Check for personal data',
  publish: 'Publish',
  republish: 'Update the published result',
  checkHint: 'Press “Check” to see the personal data found; what you typed is kept.',
  withdraw: {
    title: 'Withdraw',
    intro:
      'The public page will say that the result was withdrawn, with the reason below. The reason is public, so it must not contain personal data.',
    reason: 'Reason for withdrawal',
    button: 'Withdraw',
  },
  done: {
    publish: 'The result is published.',
    withdraw: 'The result was withdrawn.',
  },
  errors: {
    notAnswered: 'Only an answered PAKN can be published; this one is “{{status}}”.',
    notPublished: 'This result is not published.',
    undecided: 'Choose Redact or Keep for “{{text}}” ({{kind}} in the {{source}})',
    reasonRequired: 'Give the reason for keeping “{{text}}”',
    reasonTooLong: 'The reason must be {{max}} characters or fewer',
    hiddenInFormatting:
      'The answer contains personal data hidden by formatting: {{items}}. Rewrite that part without formatting so it can be redacted.',
    leftover: 'Personal data remains after redaction. Press “Check” and review it.',
    reasonHasPii: 'The reason for withdrawal is public; remove the personal data: {{items}}',
    unknownFile: 'The file does not belong to this record',
  },
} as const;
