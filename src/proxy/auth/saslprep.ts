// SASLprep (RFC 4013) of a SCRAM password, as Postgres applies it (pg_saslprep): leniently.
// An ASCII password is used as is; otherwise the RFC 4013 mapping and NFKC normalization are
// applied, and if the result holds a prohibited or unassigned character (or breaks the
// bidirectional rule) the raw password is used instead of failing. Used on both sides of a
// SCRAM exchange and when a verifier is created, so the three always agree.
//
// Postgres checks "unassigned" against Unicode 3.2; JavaScript only knows the current Unicode,
// so a password mixing characters assigned after 3.2 with characters that NFKC changes may be
// prepared differently from Postgres. Every other password is prepared as Postgres does.

// RFC 3454 C.1.2: non-ASCII space characters, mapped to SPACE.
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/gu;
// RFC 3454 B.1: commonly mapped to nothing. Joiners and variation selectors are listed on
// purpose (they are what the RFC strips), hence the lint exception.
// eslint-disable-next-line no-misleading-character-class
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/gu;
// RFC 3454 C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9 (after mapping), and unassigned code points.
const PROHIBITED =
  // eslint-disable-next-line no-misleading-character-class
  /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\p{Cc}\u06DD\u070F\u180E\u200C\u200D\u2028\u2029\u2060-\u2063\u206A-\u206F\uFEFF\uFFF9-\uFFFC\u{1D173}-\u{1D17A}\p{Co}\p{Cs}\uFDD0-\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{E0001}\u{E0020}-\u{E007F}\u{EFFFE}\u{EFFFF}\uFFFD\u2FF0-\u2FFB\u0340\u0341\u200E\u200F\u202A-\u202E\u206A-\u206F\p{Cn}]/u;
// Right-to-left characters (RFC 3454 D.1), approximated by the right-to-left scripts, and
// left-to-right characters (D.2), approximated by the letters of every other script.
const RAND_AL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\u200F]/u;
const L_CAT = /(?![\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}])[\p{L}\p{Mc}]/u;

export function saslPrep(password: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7F]*$/.test(password)) return password;
  const mapped = password.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '');
  const normalized = mapped.normalize('NFKC');
  if (normalized === '' || PROHIBITED.test(normalized) || !bidiOk(normalized)) return password;
  return normalized;
}

function bidiOk(text: string): boolean {
  if (!RAND_AL.test(text)) return true;
  const chars = [...text];
  return !L_CAT.test(text) && RAND_AL.test(chars[0] ?? '') && RAND_AL.test(chars[chars.length - 1] ?? '');
}
