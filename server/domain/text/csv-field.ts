/**
 * One CSV field (RFC 4180): quoted when it holds a quote, a line break or a separator (",", and ";" too, which
 * spreadsheets set to Vietnamese conventions split on), with quotes doubled. Dates as ISO 8601.
 */
export function csvField(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
