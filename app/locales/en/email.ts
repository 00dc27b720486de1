// E-mail strings (t('email.…')). Plain text only: the templates escape and lay them out.
export default {
  layout: {
    contactHeading: 'Contact',
    address: 'Address',
    hotline: 'Hotline',
    email: 'E-mail',
    officeHours: 'Office hours',
    automated:
      'This message was sent automatically by the feedback and recommendations portal. Please do not reply to it; if you need help, use the contact details above.',
    copyHint: 'If the link does not open, copy this address into your browser:',
  },
  receipt: {
    subject: '[{{code}}] We have received your feedback or recommendation',
    preheader: 'Your reference code: {{code}}. Reply due by {{dueDate}}.',
    heading: 'Feedback or recommendation received',
    greeting: 'Dear {{name}},',
    intro: '{{agency}} has received your feedback or recommendation. Thank you for sending it.',
    codeLabel: 'Reference code',
    codeHint: 'Please keep this code: you need it to look up your submission and when you contact us.',
    titleLabel: 'Title',
    receivedLabel: 'Received on',
    dueLabel: 'Reply due by',
    followHeading: 'Follow its progress',
    followIntro: 'You can see how your submission is being handled at any time through this private link:',
    followLinkText: 'See the progress of {{code}}',
    followPrivate:
      'This link is private to you: anyone who has it can see what you sent. Please do not forward this e-mail or share the link.',
    lookupHeading: 'Look it up by code',
    lookupText:
      'You can also look it up on the page below with the code {{code}} and the e-mail address or phone number you gave when submitting.',
    lookupLinkText: 'Look up a submission',
    contact: 'If you need help, please contact {{agency}} using the details at the end of this message.',
    closing: 'Yours sincerely,',
  },
};
