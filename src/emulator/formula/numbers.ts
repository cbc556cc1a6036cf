// Number handling. Salesforce computes with decimals; JavaScript with doubles. Rounding every
// arithmetic result to 15 significant digits hides binary noise (0.1 + 0.2 = 0.3, as in a
// Salesforce org), and rounding goes half away from zero, like Salesforce's ROUND.

const SIGNIFICANT_DIGITS = 15;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A finite result with the binary noise removed; null for division by zero and overflow. */
export function tidy(n: number): number | null {
  if (!Number.isFinite(n)) return null;
  return Number(n.toPrecision(SIGNIFICANT_DIGITS));
}

/** Rounds half away from zero to `digits` decimals (negative digits round left of the point). */
export function roundHalfAwayFromZero(n: number, digits: number): number {
  const abs = Math.abs(n);
  const text = String(abs);
  // Shifting through the decimal string keeps 2.675 at 2.675; `abs * 100` would give 267.49999.
  const rounded = text.includes('e')
    ? Math.round(abs * 10 ** digits) / 10 ** digits
    : Number(`${Math.round(Number(`${text}e${digits}`))}e${-digits}`);
  return Math.sign(n) * rounded || 0;
}

/** VALUE() and ISNUMBER(): a plain decimal, surrounding spaces allowed; null otherwise. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : null;
}

/** The decimal form of a number, never in exponent notation (TEXT(1e21) is digits). */
export function plainNumber(n: number): string {
  const text = String(tidy(n) ?? n);
  if (!text.includes('e')) return text;
  if (Math.abs(n) >= 1) return BigInt(Math.round(n)).toString();
  const [mantissa = '', exponent = '0'] = text.split('e');
  const decimals = (mantissa.split('.')[1] ?? '').length - Number(exponent);
  return n.toFixed(Math.min(100, decimals)).replace(/\.?0+$/, '');
}
