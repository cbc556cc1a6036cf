// The Bulk API CSV reader: quotes, doubled quotes, line breaks inside values, CRLF, other
// delimiters, empty values — and the same rows however the text is cut into pieces.
import { describe, expect, it } from 'vitest';
import { CsvReader } from '../../src/salesforce/index.js';
import { parseCsvPage } from '../../src/salesforce/bulk.js';

function readAll(text: string, delimiter = ','): string[][] {
  const r = new CsvReader(delimiter);
  return [...r.push(text), ...r.end()];
}

/** Every way of cutting `text` into two pieces, and into single characters, gives the same rows. */
function expectSameWhenCut(text: string, delimiter = ','): string[][] {
  const whole = readAll(text, delimiter);
  for (let cut = 0; cut <= text.length; cut++) {
    const r = new CsvReader(delimiter);
    expect([...r.push(text.slice(0, cut)), ...r.push(text.slice(cut)), ...r.end()], `cut at ${cut}`).toEqual(whole);
  }
  const r = new CsvReader(delimiter);
  const rows: string[][] = [];
  for (const ch of text) rows.push(...r.push(ch));
  expect([...rows, ...r.end()]).toEqual(whole);
  return whole;
}

describe('CsvReader', () => {
  it('reads plain and quoted fields', () => {
    expect(expectSameWhenCut('"Id","Name"\n"001","Acme"\n002,Globex\n')).toEqual([
      ['Id', 'Name'],
      ['001', 'Acme'],
      ['002', 'Globex'],
    ]);
  });

  it('doubled quotes, delimiters and line breaks inside quotes', () => {
    const text = 'a,b,c\n"say ""hi""","x,y","line1\nline2\r\nline3"\n';
    expect(expectSameWhenCut(text)).toEqual([
      ['a', 'b', 'c'],
      ['say "hi"', 'x,y', 'line1\nline2\r\nline3'],
    ]);
  });

  it('CRLF and a last line without a line break', () => {
    expect(expectSameWhenCut('a,b\r\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('empty fields, quoted or not, and an empty line in a one-column file', () => {
    expect(expectSameWhenCut('a,b,c\n,"",\n')).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
    ]);
    expect(expectSameWhenCut('Email\nx@y.z\n\nw@v.u\n')).toEqual([['Email'], ['x@y.z'], [''], ['w@v.u']]);
  });

  it('other delimiters: tab, semicolon, pipe, caret, backquote', () => {
    for (const d of ['\t', ';', '|', '^', '`']) {
      expect(expectSameWhenCut(`a${d}b\n"x${d}y"${d}z\n`, d)).toEqual([
        ['a', 'b'],
        [`x${d}y`, 'z'],
      ]);
    }
  });

  it('non-ASCII text and a quote-only value', () => {
    expect(expectSameWhenCut('n\n"Zoë ""Ω"" 日本"\n""""\n')).toEqual([['n'], ['Zoë "Ω" 日本'], ['"']]);
  });

  it('refuses input that ends inside quotes, and impossible delimiters', () => {
    expect(() => readAll('a\n"open')).toThrow(SyntaxError);
    expect(() => new CsvReader('"')).toThrow(RangeError);
    expect(() => new CsvReader(',,')).toThrow(RangeError);
  });
});

describe('parseCsvPage', () => {
  it('keys rows by the header; empty values are null', () => {
    expect(parseCsvPage('"Id","Account.Name","Email"\n"003A","Acme, Inc.",""\n"003B",,"b@x.io"\n', ',')).toEqual([
      { Id: '003A', 'Account.Name': 'Acme, Inc.', Email: null },
      { Id: '003B', 'Account.Name': null, Email: 'b@x.io' },
    ]);
    expect(parseCsvPage('', ',')).toEqual([]);
    expect(parseCsvPage('"Id"\n', ',')).toEqual([]);
  });
});
