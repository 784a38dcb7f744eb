import { type BilingualText, bilingual } from '../bilingual';

export const MINIMUM_PASSWORD_LENGTH = 10;
export const MAXIMUM_PASSWORD_LENGTH = 256;

/** Why a new password is refused, or null. Length is what matters most (NIST SP 800-63B §5.1.1.2). */
export function passwordProblem(password: string, username: string): BilingualText | null {
  if ([...password].length < MINIMUM_PASSWORD_LENGTH) {
    return bilingual(
      `Mật khẩu phải có ít nhất ${MINIMUM_PASSWORD_LENGTH} ký tự`,
      `The password must have at least ${MINIMUM_PASSWORD_LENGTH} characters`,
    );
  }
  if (password.length > MAXIMUM_PASSWORD_LENGTH) {
    return bilingual(
      `Mật khẩu dài quá ${MAXIMUM_PASSWORD_LENGTH} ký tự`,
      `The password is longer than ${MAXIMUM_PASSWORD_LENGTH} characters`,
    );
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return bilingual('Mật khẩu không được chứa tên đăng nhập', 'The password must not contain the username');
  }
  if (new Set(password).size < 4) {
    return bilingual('Mật khẩu quá đơn giản', 'The password is too simple');
  }
  return null;
}

/** Usernames: 3–32 lower-case letters, digits, ".", "_" or "-", starting with a letter. */
export function usernameProblem(username: string): BilingualText | null {
  return /^[a-z][a-z0-9._-]{2,31}$/.test(username)
    ? null
    : bilingual(
        'Tên đăng nhập gồm 3–32 chữ thường không dấu, số, ".", "_" hoặc "-", bắt đầu bằng chữ',
        'A username has 3–32 lower-case letters without accents, digits, ".", "_" or "-", starting with a letter',
      );
}
