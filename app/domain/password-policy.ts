/**
 * Password policy for staff accounts (NIST SP 800-63B style): long rather than complex, not a
 * well-known password, not built from the account's own e-mail. Pure: used by forms and the CLI.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'required' | 'tooShort' | 'tooLong' | 'common' | 'containsEmail';

/**
 * Passwords seen again and again in leaks, plus Vietnamese favourites. Compared lower-cased, and also
 * after stripping trailing digits and symbols ("matkhau@2024" is "matkhau" with decoration).
 */
export const COMMON_PASSWORDS: readonly string[] = [
  // Vietnamese favourites
  'matkhau', 'matkhau1', 'matkhau12', 'matkhau123', 'matkhau1234', 'matkhau12345', 'matkhau123456',
  'matkhaumoi', 'matkhaucuatoi', 'doimatkhau', 'khongbiet', 'khongcomatkhau', 'anhyeuem', 'emyeuanh',
  'anhyeuem123', 'emyeuanh123', 'yeuem', 'yeuanh', 'iloveyou', 'iloveyou123', 'vietnam', 'vietnam123',
  'vietnam2024', 'vietnam2025', 'vietnam2026', 'hanoi', 'hanoi123', 'saigon', 'saigon123', 'hochiminh',
  'danang', 'haiphong', 'cantho', 'nguyen', 'nguyen123', 'tran', 'tran123', 'le', 'pham', 'hoang', 'huynh',
  'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly', 'minh', 'anh', 'linh', 'huong',
  'trang', 'thao', 'ngoc', 'tuan', 'hung', 'dung', 'hoa', 'lan', 'mai', 'thuy', 'hanh', 'quang', 'thanh',
  'cuong', 'phuong', 'long', 'nam', 'bao', 'khanh', 'sokhcn', 'khcn', 'pakn', 'gopy', 'phananh',
  'kiennghi', 'canbo', 'chuyenvien', 'lanhdao', 'quantri', 'quantrivien', 'hethong', 'coquan',
  'ubnd', 'tinhuy', 'congchuc', 'vienchuc', 'taikhoan', 'dangnhap', 'xinchao', 'chaoban', 'tamsotam',
  'motaiba', 'mothaiba', 'motjhaiba', 'bonnamsau',
  // admin variations
  'admin', 'admin1', 'admin12', 'admin123', 'admin1234', 'admin12345', 'admin123456', 'admin@123',
  'admin@1234', 'admin@12345', 'admin@123456', 'admin@2024', 'admin@2025', 'admin@2026', 'administrator',
  'root', 'root123', 'toor', 'superuser', 'superadmin', 'sysadmin', 'system', 'manager', 'guest', 'user',
  'test', 'test123', 'tester', 'demo', 'default', 'changeme', 'welcome', 'welcome1', 'welcome123',
  // the usual leak top list
  '123456', '1234567', '12345678', '123456789', '1234567890', '12345678910', '123456789012',
  '1234567890123', '0123456789', '01234567890', '987654321', '9876543210', '111111', '1111111',
  '11111111', '111111111', '1111111111', '111111111111', '000000', '00000000', '000000000000',
  '123123', '123123123', '123123123123', '112233', '11223344', '121212', '123321', '654321', '666666',
  '696969', '777777', '888888', '88888888', '999999', '99999999', '147258369', '159753', '1q2w3e',
  '1q2w3e4r', '1q2w3e4r5t', '1q2w3e4r5t6y', '1qaz2wsx', '1qaz2wsx3edc', 'qazwsx', 'qazwsxedc',
  'zaq12wsx', 'qwerty', 'qwerty1', 'qwerty12', 'qwerty123', 'qwerty1234', 'qwertyuiop', 'qwertyuiop123',
  'asdfgh', 'asdfghjkl', 'asdfghjkl123', 'zxcvbn', 'zxcvbnm', 'zxcvbnm123', 'abc123', 'abcd1234',
  'abc12345', 'abcdef', 'abcdefgh', 'abcdefghijkl', 'aaaaaa', 'a123456', 'a12345678', 'aa123456',
  'password', 'password1', 'password12', 'password123', 'password1234', 'password12345', 'password@123',
  'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'pass123', 'pass1234', 'passwort', 'secret', 'letmein',
  'trustno1', 'monkey', 'dragon', 'master', 'shadow', 'sunshine', 'princess', 'football', 'baseball',
  'soccer', 'hockey', 'batman', 'superman', 'starwars', 'pokemon', 'naruto', 'michael', 'jordan',
  'jennifer', 'hunter', 'ranger', 'buster', 'thomas', 'charlie', 'daniel', 'andrew', 'jessica',
  'ashley', 'killer', 'freedom', 'whatever', 'computer', 'internet', 'samsung', 'google', 'facebook',
  'zalo', 'microsoft', 'linkedin', 'login', 'hello', 'hello123', 'lovely', 'loveyou', 'love123',
  'flower', 'cookie', 'chocolate', 'summer', 'winter', 'autumn', 'spring', 'qwe123', 'qweasd',
  'qweasdzxc', 'q1w2e3r4', 'q1w2e3r4t5', 'mustang', 'access', 'ninja', 'azerty', 'solo', 'starwars123',
];

const COMMON = new Set(COMMON_PASSWORDS);

function isSequenceOrRepeat(p: string): boolean {
  const chars = [...p];
  if (new Set(chars).size <= 3) return true;
  // a single run of consecutive characters up or down, e.g. "abcdefghijkl" or "987654321098"
  let up = true;
  let down = true;
  for (let i = 1; i < chars.length; i++) {
    const d = chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!;
    if (d !== 1 && d !== -9) up = false;
    if (d !== -1 && d !== 9) down = false;
  }
  return up || down;
}

/** True when the password is a well-known one, or a well-known word with digits and symbols around it. */
export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase().normalize('NFC');
  if (COMMON.has(p)) return true;
  const stripped = p.replace(/^[\d\W_]+/u, '').replace(/[\d\W_]+$/u, '');
  if (stripped.length >= 2 && COMMON.has(stripped)) return true;
  // the same base repeated ("admin123admin123")
  for (const base of COMMON) {
    if (base.length >= 4 && p.length % base.length === 0 && p === base.repeat(p.length / base.length)) return true;
  }
  return isSequenceOrRepeat(p);
}

/** The first problem with this password, or null when it is acceptable. */
export function checkPassword(password: string, { email }: { email?: string | null } = {}): PasswordProblem | null {
  if (!password) return 'required';
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  const local = (email ?? '').split('@')[0]?.toLowerCase().trim() ?? '';
  if (local.length >= 3 && password.toLowerCase().includes(local)) return 'containsEmail';
  // the parts of "nguyen.van.a" count too
  for (const part of local.split(/[._+-]+/)) {
    if (part.length >= 4 && password.toLowerCase().replace(/[\d\W_]+/gu, '') === part) return 'containsEmail';
  }
  if (isCommonPassword(password)) return 'common';
  return null;
}
