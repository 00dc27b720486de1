// Similar PAKN (issue #15): suggestions for staff, refusal of a repeat (R08), suggestions for citizens.
export default {
  heading: 'Similar submissions',
  intro: 'Earlier submissions that read alike, with why they matched and how strongly.',
  none: 'No similar submission found.',
  score: 'score {{score}}',
  strength: {
    strong: 'Very similar',
    medium: 'Similar',
    weak: 'Related',
  },
  reason: {
    citation: 'Cites the same document {{detail}}',
    text: 'Similar wording',
    textDetail: 'Similar wording (“{{detail}}”)',
    submitter: 'Same submitter',
    procedure: 'Same administrative procedure',
  },
  repeat: {
    summary: 'Refuse as a repeat of {{code}}, already answered (R08)',
    hint: 'The refusal notice and the e-mail to the submitter will link to the answer of {{code}}.',
    note: 'Text of the notice (the specific reason)',
    submit: 'Refuse (R08) with the link',
  },
  forms: {
    repeatOf: 'Repeat of an answered submission (code, with R08 only)',
    repeatOfHint: 'Leave empty unless it is a repeat.',
  },
  errors: {
    notAnswered:
      'That submission has not been answered (or its answer was withdrawn from publication): a repeat can only be refused when there is an answer to point to.',
    repeatNeedsR08: 'Give the code of the earlier submission only when the reason is R08.',
  },
  email: {
    repeatLabel: 'Already answered',
    repeatText: 'Submission {{code}}, with the same content, has been answered; see {{url}}',
  },
  public: {
    heading: 'Similar questions already answered',
    intro: 'These published answers may match what you are about to send:',
    link: 'Read the answer {{code}}',
    stillSend: 'If none of them fits your case, you can still send yours as usual.',
    checking: 'Looking for similar answers…',
  },
  api: {
    tooMany: 'Too many requests, please try again later.',
  },
} as const;
