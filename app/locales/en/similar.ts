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
  group: {
    heading: 'Answered together (group)',
    intro:
      'Group PAKN about the same matter, handled by the same unit, to answer them once: the lead PAKN’s answer is approved once and sent to every submitter with their own code.',
    isLead:
      'This PAKN leads a group answered together ({{lead}}). Its answer, once approved, is sent for every PAKN in the group.',
    isMember: 'This PAKN belongs to the group led by {{lead}}: it is answered with the answer of {{lead}}.',
    answered: 'The group led by {{lead}} was answered together on {{date}}.',
    lead: 'lead',
    with: 'Group {{code}} with this PAKN',
    code: 'Code of the PAKN to add',
    codeHint: 'An open PAKN handled by the same unit, not in another group.',
    add: 'Add to the group',
    remove: 'Take {{code}} out of the group',
    dissolve: 'Dissolve the group (take all out)',
    errors: {
      unknown: 'There is no PAKN with code {{code}}.',
      self: 'A PAKN cannot be grouped with itself.',
      notAssigned: '{{code}} has no handling unit yet, so it cannot be grouped.',
      awaitingInfo: '{{code}} is waiting for the submitter’s information, so it cannot be grouped now.',
      notOpen: '{{code}} is answered, refused or closed: only PAKN being handled can be grouped.',
      differentUnits: 'Only PAKN handled by the same unit can be grouped.',
      alreadyInGroup: '{{code}} is already in this group.',
      otherGroup: '{{code}} already belongs to another group; take it out of that group first.',
      answered: 'The group’s answer has been approved: it can no longer be changed or ungrouped.',
      notGrouped: 'This PAKN is not in a group.',
      notMember: '{{code}} is not in this group.',
      ungroupFirst: 'This PAKN belongs to a group answered together: take it out of the group first.',
      answeredByLead:
        'This PAKN is answered with its group: the answer is drafted and approved on the lead PAKN.',
    },
  },
  api: {
    tooMany: 'Too many requests, please try again later.',
  },
} as const;
