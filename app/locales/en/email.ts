// E-mail strings (t('email.…')). Plain text only: the templates escape and lay them out.
export default {
  layout: {
    contactHeading: 'Contact',
    address: 'Address',
    hotline: 'Hotline',
    email: 'E-mail',
    officeHours: 'Office hours',
    automated:
      'This message was sent automatically by the feedback and petitions portal. Please do not reply to it; if you need help, use the contact details above.',
    copyHint: 'If the link does not open, copy this address into your browser:',
  },
  receipt: {
    subject: '[{{code}}] We have received your feedback or petition',
    preheader: 'Your reference code: {{code}}. Reply due by {{dueDate}}.',
    heading: 'Feedback or petition received',
    greeting: 'Dear {{name}},',
    intro: '{{agency}} has received your feedback or petition. Thank you for sending it.',
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

  // Status e-mails to the submitter (notifyStep), one group per workflow step.
  status: {
    greeting: 'Dear {{name}},',
    codeLabel: 'Reference code',
    titleLabel: 'Title',
    noteLabel: 'Note from the agency',
    followHeading: 'Follow its progress',
    followText:
      'You can see how your submission is being handled on the look-up page with the code {{code}} and the e-mail address or phone number you gave. The private link in your receipt e-mail still works too.',
    followLinkText: 'Look up {{code}}',
    contact: 'If you need help, please contact {{agency}} using the details at the end of this message.',
    closing: 'Yours sincerely,',
    refused: {
      subject: '[{{code}}] Your submission could not be accepted',
      heading: 'Submission not accepted',
      intro:
        'Having studied it, {{agency}} regrets that it cannot accept and handle your submission {{code}} under the rules on feedback and petitions about administrative regulations.',
      reasonLabel: 'Reason',
      guidanceHeading: 'What you can do',
    },
    transferred: {
      subject: '[{{code}}] Your submission has been transferred to the competent agency',
      heading: 'Transferred to the competent agency',
      intro:
        'The subject of your submission {{code}} is outside the competence of {{agency}}. As required by Article 9 of Decree 20/2008/ND-CP, we have transferred it to the competent agency below for consideration.',
      agencyLabel: 'Transferred to',
      addressLabel: 'Address',
      emailLabel: 'E-mail',
      reasonLabel: 'Reason for the transfer',
      next: 'The competent agency will reply to you. You may also contact it directly.',
    },
    forwarded: {
      subject: '[{{code}}] Your report on administrative conduct has been forwarded',
      heading: 'Forwarded for handling',
      intro:
        'Your submission {{code}} concerns the conduct of an agency or official. It has been forwarded to the authority or person competent to handle it under the applicable law.',
      agencyLabel: 'Forwarded to',
      next: 'The competent authority will inform you of the outcome as the law provides.',
    },
    duplicate: {
      subject: '[{{code}}] Your submission duplicates one already being handled',
      heading: 'Duplicate of a submission already being handled',
      intro:
        'Your submission {{code}} raises the same matter as a submission already being handled, so it will not be handled separately.',
      originalLabel: 'Submission being handled',
      next: 'The answer on this matter will be published on the portal once it is given.',
    },
    assigned: {
      subject: '[{{code}}] Your submission has been accepted and assigned',
      heading: 'Your submission is being handled',
      intro:
        'Your submission {{code}} is within the competence of {{agency}} and has been assigned to the unit below for study and handling.',
      unitLabel: 'Handling unit',
      dueLabel: 'Reply due by',
    },
    reassigned: {
      subject: '[{{code}}] Change of handling unit',
      heading: 'The handling unit has changed',
      intro: 'Your submission {{code}} is now handled by the unit below.',
      unitLabel: 'Handling unit',
      dueLabel: 'Reply due by',
    },
    info_requested: {
      subject: '[{{code}}] Please provide more information',
      heading: 'More information needed',
      intro: 'To handle your submission {{code}}, the handling unit asks you for the following information:',
      questionLabel: 'Information needed',
      howTo:
        'Please open the look-up page, enter the code {{code}} with the e-mail address or phone number you gave, and send the information from your submission’s page. The private link in your receipt e-mail still works too.',
      linkText: 'Send more information for {{code}}',
      pause:
        'While we wait for your information, the reply deadline is paused. If no information arrives within {{days}} days, the submission will be closed as unclear.',
    },
    extended: {
      subject: '[{{code}}] Apology and extension of the reply deadline',
      heading: 'Apology and new reply date',
      apology:
        '{{agency}} sincerely apologises that it cannot reply to your submission {{code}} by the date we gave you.',
      reasonLabel: 'Reason for the extension',
      newDateLabel: 'New reply date',
      promise: 'We will reply to you by {{date}} at the latest. Thank you for your understanding.',
    },
    answered: {
      subject: '[{{code}}] Answer to your submission',
      heading: 'Answer to your submission',
      intro: '{{agency}} answers your submission {{code}} as follows.',
      outcomeLabel: 'Outcome',
      answerHeading: 'Answer',
      next: 'The answer will be published (with personal data removed) at {{url}}. Thank you for your contribution.',
      rateIntro:
        'Are you satisfied with the answer? Please take a minute to tell us. If you are not, you can ask for it to be reconsidered.',
      rateLink: 'Rate the answer',
    },
    closed_no_info: {
      subject: '[{{code}}] Submission closed: no additional information received',
      heading: 'Submission closed',
      intro:
        '{{agency}} has not received the additional information requested for your submission {{code}}. As its content remains unclear, it has been closed.',
      next: 'You may send a new submission with complete information at any time.',
    },
    progress: {
      subject: '[{{code}}] Progress update on your submission',
      heading: 'Progress update',
      intro:
        'The reply to your submission {{code}} is past its due date ({{due}}). {{agency}} sincerely apologises for the delay.',
      statusLabel: 'Current status',
      unitLabel: 'Handling unit',
      next: 'We will keep you informed every {{days}} days until you receive the answer.',
    },
  },
  refusalReason: {
    R01: 'Not written in Vietnamese, or the content cannot be read',
    R02: 'The sender’s name, address or contact details are missing or unclear',
    R03: 'The content is unclear',
    R04: 'It is a complaint or a denunciation',
    R05: 'It asks for legal advice or explanation, not feedback on an administrative regulation',
    R06: 'It is not about an administrative regulation or administrative conduct',
    R07: 'Sent through the wrong channel, or with an attachment in a format that is not allowed',
    R08: 'Offensive language, state secrets, or a duplicate of a submission already being handled',
  },
  refusalGuidance: {
    R01: 'Please send your submission again in Vietnamese, with readable content. If you need help, call the hotline or visit the agency.',
    R02: 'Please send your submission again with your full name, address and a phone number or e-mail address so that we can contact you and reply.',
    R03: 'Please send your submission again, stating clearly which regulation or administrative conduct it concerns, the specific problem and your proposal (if any).',
    R04: 'Complaints are handled under the Law on Complaints 2011 and denunciations under the Law on Denunciations 2018. Please send your complaint or denunciation to the competent authority, or to the agency’s citizen reception office for guidance.',
    R05: 'For legal advice, you can contact the provincial State Legal Aid Centre, the Department of Justice, or a law firm or legal consultancy.',
    R06: 'This portal only handles feedback and petitions on administrative regulations and administrative conduct. For other matters, please contact the agency in charge of the field concerned or your local authority.',
    R07: 'Please send it again through this portal, by post or in person, with attachments in an accepted format (PDF, JPEG, PNG, Word or Excel).',
    R08: 'If it duplicates a submission already being handled, the answer will be published on the portal. You may send your submission again without offensive language or state-secret information.',
  },
  // To a unit when a PAKN is assigned to it.
  unitAssigned: {
    subject: '[{{code}}] Assigned to {{unit}}',
    heading: 'New submission assigned',
    intro: 'Submission {{code}} has been assigned to {{unit}}.',
    reassignedIntro: 'Submission {{code}} has been reassigned to {{unit}}.',
    titleLabel: 'Title',
    receivedLabel: 'Received on',
    dueLabel: 'Reply due by',
    noteLabel: 'Note from the assigner',
    linkText: 'Open submission {{code}}',
  },
  // Internal mail to staff about one PAKN.
  staffUpdate: {
    titleLabel: 'Title',
    dueLabel: 'Answer due',
    noteLabel: 'Reason for returning',
    linkText: 'Open PAKN {{code}}',
    infoSupplied: {
      subject: '[{{code}}] The submitter has supplied information',
      heading: 'The submitter has supplied information',
      intro:
        'The submitter of PAKN {{code}} has supplied the information requested; the deadline runs again. The reply and its files are on the record.',
    },
    draftSubmitted: {
      subject: '[{{code}}] Draft answer awaiting approval',
      heading: 'Draft answer awaiting approval',
      intro: 'The draft answer to PAKN {{code}} has been submitted and awaits approval.',
    },
    draftReturned: {
      subject: '[{{code}}] Draft answer returned',
      heading: 'Draft answer returned',
      intro: 'The draft answer to PAKN {{code}} has been returned for changes.',
    },
    extensionRequested: {
      subject: '[{{code}}] Extension request awaiting approval',
      heading: 'Extension request awaiting approval',
      intro:
        'The handler of PAKN {{code}} asks to extend the answer deadline; the request awaits a leader’s decision.',
      noteLabel: 'Reason for the extension',
    },
    extensionApproved: {
      subject: '[{{code}}] Extension request approved',
      heading: 'Extension request approved',
      intro: 'A leader has approved the request to extend the answer deadline of PAKN {{code}}.',
    },
    extensionDeclined: {
      subject: '[{{code}}] Extension request declined',
      heading: 'Extension request declined',
      intro:
        'A leader has declined the request to extend the answer deadline of PAKN {{code}}; the deadline stays as it was.',
      noteLabel: 'Reason for declining',
    },
  },
  // The units' daily digest.
  digest: {
    subject: '[PAKN] {{unit}}: {{overdue}} overdue, {{soon}} due soon – {{date}}',
    heading: 'Submissions needing attention on {{date}}',
    intro: 'Open submissions of {{unit}} that are overdue or due within the next {{days}} working days.',
    overdueHeading: 'Overdue ({{count}})',
    dueSoonHeading: 'Due soon ({{count}})',
    dueLabel: 'Due',
    lateBy: 'late by {{count}} working days',
    statusLabel: 'Status',
    openQueue: 'Open the queue',
  },
  // The coordinators' alert when items become overdue.
  overdue: {
    subject: '[PAKN] {{count}} submission(s) just became overdue',
    heading: 'Submissions just overdue',
    intro:
      'The following submissions have a step past its deadline (classification, answer, waiting for information or publication):',
    stepLabel: 'Late step',
    unitLabel: 'Unit',
    noUnit: 'Not assigned yet',
    dueLabel: 'Due',
    statusLabel: 'Status',
    openQueue: 'Open the queue',
  },
  // The administrators' reminder from 1 October while next year's official schedule is missing.
  calendarSchedule: {
    subject: '[PAKN] {{year}} official holiday schedule not entered',
    heading: 'The official holiday schedule for {{year}} has not been entered',
    intro:
      'The {{year}} working-day calendar follows only the Labour Code rules (Articles 111, 112), not the yearly official notice. The weekdays off under the rules are:',
    open: 'Open the calendar to enter the official schedule',
  },
  // The competent agency's copy of a transferred PAKN, with the transfer letter and the files attached.
  transferAgency: {
    subject: 'Transfer of feedback {{code}} (with letter No. {{number}})',
    heading: 'Feedback transferred to the competent agency',
    intro:
      'To {{target}}. Under Article 9 of Decree 20/2008/NĐ-CP, {{agency}} transfers to you feedback {{code}} with letter No. {{number}} (attached as PDF) for consideration and handling within your competence.',
    codeLabel: 'Feedback code',
    receivedLabel: 'Received on',
    reasonLabel: 'Reason for the transfer',
    titleLabel: 'Title',
    contentHeading: 'The feedback',
    submitterHeading: "The submitter's contact details",
    nameLabel: 'Full name',
    addressLabel: 'Address',
    phoneLabel: 'Phone',
    emailLabel: 'E-mail',
    contactPurpose:
      "The submitter's contact details are sent with it so that you can answer the submitter directly. Please use them only to handle and answer this feedback and protect them under the personal data protection rules.",
    filesHeading: 'Files attached to the feedback',
    noFiles: 'No attached files.',
    closing: 'Thank you for your cooperation.',
  },
};
