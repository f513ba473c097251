/**
 * A number with its thousands grouped by commas (`1,048,576`), as `toLocaleString('en-US')` writes integers, without
 * loading the ICU locale data (which costs a CLI more to start than everything else it does). Fractions are kept as
 * `String()` writes them.
 */
export function groupDigits(value: number): string {
  const [whole, fraction] = String(value).split('.') as [string, string | undefined];
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction !== undefined ? `.${fraction}` : ''}`;
}
