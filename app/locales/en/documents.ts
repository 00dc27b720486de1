// The accountability documents (plan VI.3/VI.4): their names, the toolbar above the printable page, lists
// and errors. The documents themselves are official Vietnamese text (app/domain/document-templates.ts).
export default {
  type: {
    refusal: 'Notice of refusal',
    info_request: 'Request for more information',
    late_apology: 'Apology and new answer date',
    transfer: 'Transfer letter',
    reply_cover: 'Reply letter',
  },
  toolbar: {
    label: 'Document actions',
    backStaff: 'Back to record {{code}}',
    backFollow: 'Back to the follow-up page of {{code}}',
    register: 'Register of published documents',
    published: 'Published result {{code}}',
    pdf: 'Download the PDF',
    publicVersion: 'See the public version',
    printHint: 'To print, use your browser’s Print command (Ctrl+P).',
    publicNotice: 'Public version: personal data has been removed under the data-protection rules.',
    redactedNotice:
      'Your account may not see the submitter’s contact details: personal data has been removed.',
  },
  list: {
    heading: 'Documents issued',
    number: 'Number',
    date: 'Date of issue',
    kind: 'Type',
    view: 'View',
    pdf: 'PDF',
    public: 'Public',
    empty: 'No documents yet.',
  },
  email: {
    documentLabel: 'Document no. {{number}}',
    documentLink: 'View and download document {{number}}',
    documentHint:
      'The document opens once you have looked up your submission with its code and the e-mail address or phone number you gave.',
  },
  hint: {
    refuse:
      'This text goes into the refusal notice sent to the submitter and is published, with personal data removed, in the register of documents.',
    extend:
      'This reason goes into the apology sent to the submitter and is published, with personal data removed, in the register of documents.',
    transfer:
      'This reason goes into the transfer letter and is published, with personal data removed, in the register of documents.',
    requestInfo: 'This text goes into the request for more information sent to the submitter.',
  },
  errors: {
    notFoundTitle: 'Document not found',
    notFound: 'The document does not exist or you may not see it.',
    home: 'Go to the home page',
  },
};
