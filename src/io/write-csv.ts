/**
 * RFC 4180 CSV for spreadsheets: CRLF line ends, every field quoted, `"` doubled, UTF-8 with a
 * BOM (Excel needs it to read Chinese). A cell starting with `=`, `+`, `-`, `@`, tab or CR would
 * run as a formula in a spreadsheet (CSV injection): it gets a leading `'`.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  const line = (cells: ReadonlyArray<string | number | boolean | null>) => cells.map(csvCell).join(',');
  return '\uFEFF' + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

function csvCell(value: string | number | boolean | null): string {
  let s = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}
