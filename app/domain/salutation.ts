/**
 * How the portal addresses a submitter, the same in the receipt e-mail, every status e-mail and every document:
 * a person is 'Ông/Bà' ('Kính gửi Ông/Bà Nguyễn Văn An'), an organisation 'Quý tổ chức' ('Kính gửi Công ty …').
 * In English: 'you', and the person's or the organisation's name.
 */
export type Salutee = {
  kind: 'individual' | 'organisation';
  fullName: string;
  orgName?: string | null;
};

export type Salutation = {
  /** the form of address inside a sentence: 'Ông/Bà', 'Quý tổ chức', 'you' */
  you: string;
  /** who the greeting names: 'Ông/Bà Nguyễn Văn An', 'Công ty TNHH …', 'Nguyễn Văn An' */
  addressee: string;
};

const tidy = (s: string | null | undefined) => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

export function salutation(sub: Salutee, locale: 'vi' | 'en' = 'vi'): Salutation {
  const person = tidy(sub.fullName);
  if (sub.kind === 'organisation') {
    const name = tidy(sub.orgName) || person;
    return { you: locale === 'vi' ? 'Quý tổ chức' : 'you', addressee: name };
  }
  return locale === 'vi'
    ? { you: 'Ông/Bà', addressee: `Ông/Bà ${person}` }
    : { you: 'you', addressee: person };
}

/** The fields of a PAKN row that decide how its submitter is addressed. */
export function saluteeOf(p: {
  submitterKind: Salutee['kind'];
  fullName: string;
  orgName: string | null;
}): Salutee {
  return { kind: p.submitterKind, fullName: p.fullName, orgName: p.orgName };
}
