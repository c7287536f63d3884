/**
 * An RFC 4180 CSV parser (https://www.rfc-editor.org/rfc/rfc4180): quoted fields with commas, line breaks
 * and doubled quotes (`""`) inside, CRLF or LF line ends, an optional UTF-8 byte order mark.
 *
 * Each record carries the physical line it starts on (the header is line 1), so an import can point at the
 * line a merchant sees in a text editor even when an earlier field spans several lines.
 *
 * Lenient where spreadsheets are sloppy: a quote inside an unquoted field is kept as text, characters after
 * a closing quote are appended, a lone CR ends a line. A quoted field left open at the end of the input is
 * reported on its record (`error`) instead of swallowing the rest of the file silently.
 */
export interface CsvRecord {
  /** physical line (1-based) the record starts on */
  line: number;
  fields: string[];
  error?: string;
}

/**
 * Parses CSV text into records. Blank lines produce no record. `delimiter` is one character: `,` (CSV),
 * a tab (TSV, as Google Merchant Center feeds are) or `;` (spreadsheets in decimal-comma locales).
 */
export function parseCsv(input: string, delimiter = ","): CsvRecord[] {
  const sep = delimiter.charCodeAt(0);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    // one record
    for (;;) {
      let value = "";
      if (text.charCodeAt(i) === 0x22 /* " */) {
        i++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          const chunk = q === -1 ? text.slice(i) : text.slice(i, q);
          value += chunk;
          line += countLineBreaks(chunk);
          if (q === -1) {
            i = n;
            break;
          }
          if (text.charCodeAt(q + 1) === 0x22) {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) error = `a quoted field opened on line ${start} is never closed`;
      }
      // unquoted part (or what follows a closing quote)
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === sep || c === 0x0a || c === 0x0d) break;
        j++;
      }
      value += text.slice(i, j);
      i = j;
      fields.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === sep) {
        i++;
        if (i >= n) {
          fields.push("");
          break;
        }
        continue;
      }
      // line end: CRLF, LF or a lone CR
      i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      line++;
      break;
    }
    const blank = fields.length === 1 && fields[0] === "" && !error;
    if (!blank) records.push(error ? { line: start, fields, error } : { line: start, fields });
  }
  return records;
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x0a) count++;
    else if (c === 0x0d && s.charCodeAt(k + 1) !== 0x0a) count++;
  }
  return count;
}
