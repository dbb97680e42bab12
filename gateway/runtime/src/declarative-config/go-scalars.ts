/**
 * Go's strconv parsing and fmt printing of the scalars decK's template functions `toBool`,
 * `toInt` and `toFloat` produce, so renderDeckEnv writes the same text as `deck file render`.
 */

const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseBool. */
export function goParseBool(text: string): boolean {
  if (TRUE.includes(text)) return true;
  if (FALSE.includes(text)) return false;
  throw new Error(`strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
}

/** strconv.Atoi on a 64-bit platform. */
export function goParseInt(text: string): bigint {
  if (!/^[+-]?\d+$/.test(text))
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX)
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`);
  return value;
}

/** strconv.ParseFloat(text, 64) printed by text/template, i.e. with fmt's %v. */
export function goFloatString(text: string): string {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text))
    throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
  const value = Number(text);
  if (!Number.isFinite(value))
    throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: value out of range`);
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  // fmt %v is strconv 'g' with the shortest digits, which switches to exponent form when the
  // decimal exponent is below -4 or at least 6 (strconv formatDigits: shortest → eprec = 6).
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}
