export default {
  title: 'Privacy and personal data',
  intro:
    'The {{agency}} processes the personal data of people who send feedback under the Personal Data Protection Law No. 91/2025/QH15 and Decree 356/2025/NĐ-CP.',
  controllerTitle: 'Who processes your data',
  controller: 'The {{agency}}, {{address}}, e-mail {{email}}.',
  purposeTitle: 'Purpose',
  purpose:
    'To receive, classify, handle and answer your feedback; to contact you when more information is needed; to send you updates and the answer; to produce statistics (without personal data). The data is used for nothing else.',
  dataTitle: 'What is collected',
  data: 'Your name; the organisation and its representative (when sending on its behalf); address, phone number, e-mail; the text and files you send.',
  sharingTitle: 'Who sees it',
  sharing:
    'The staff handling it. If another agency is competent, the file is transferred to it. Answers are published without anything about you, unless you agreed to publish your name.',
  retentionTitle: 'How long it is kept',
  retention:
    'Feedback records are kept for the period the archives law sets for this kind of record; after that, personal data is deleted or anonymised.',
  rightsTitle: 'Your rights',
  rights:
    'You may know, see and get a copy of your data; ask for wrong data to be corrected; ask for deletion; withdraw your consent; object to or ask to restrict processing; complain to the personal data protection authority (Ministry of Public Security).',
  howTitle: 'How to withdraw your consent or ask for deletion',
  how: 'Use the form below, or write by e-mail or post, or come to the office. We acknowledge within 2 working days and act on a withdrawal of consent within 15 days. What the law requires us to keep (for example an answer already issued) is kept, and we tell you why. Withdrawing consent does not affect processing done before.',
  contactTitle: 'Contact',
  contact: 'E-mail {{email}}, phone {{phone}}.',
  formTitle: 'Send a request about your personal data',
  form: {
    kind: 'What do you ask for?',
    code: 'Code of the feedback concerned',
    codeHint: 'If you have one, for example {{example}}.',
    fullName: 'Full name',
    email: 'E-mail address',
    emailHint: 'We answer your request at this address.',
    phone: 'Phone number',
    details: 'Your request',
    detailsHint: 'For example: which data should be corrected or deleted.',
    submit: 'Send the request',
  },
  kind: {
    access: 'See or get a copy of my data',
    correct: 'Correct my data',
    delete: 'Delete my data',
    withdraw: 'Withdraw my consent',
  },
  errors: {
    kind: 'Select what you ask for',
    fullName: 'Enter your full name',
    email: 'Enter your e-mail address',
    emailInvalid: 'Enter an e-mail address in the correct format, like name@example.com',
    tooLong: 'The text is too long',
  },
  sent: 'We have received your request. We will answer by e-mail within 2 working days.',
  rateLimited: 'Too many requests. Please try again in {{minutes}} minutes.',
  email: {
    subject: 'Personal data request: {{kind}}',
    due: 'Acknowledge it to the requester by {{date}} (2 working days).',
    button: 'See the requests',
  },
  staff: {
    title: 'Personal data requests',
    intro:
      'Requests from submitters under the Personal Data Protection Law. Acknowledge within 2 working days; act on a withdrawal of consent within 15 days.',
    received: 'Received',
    acknowledgeBy: 'Acknowledge by',
    empty: 'No request yet.',
    nav: 'Personal data',
  },
};
