import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { parseCsvRows, parseMappingFile } from './parse-mapping-file';

const CSV = [
  'old_province_code,old_province,old_district,old_commune_code,old_commune,new_commune_code,new_commune,new_commune_truoc_sap_nhap_official_text',
  '91,Tỉnh Kiên Giang,Thành phố Rạch Giá,30733,Phường Vĩnh Thanh,30742,Phường Rạch Giá,"Phường Vĩnh Quang, Phường Vĩnh Thanh"',
  '92,Thành phố Cần Thơ,Quận Bình Thuỷ,31178,Phường Bùi Hữu Nghĩa,31120,Phường Cái Khế,"Phường An Hòa, ""Cái Khế"""',
  '92,Thành phố Cần Thơ,Quận Bình Thuỷ,31178,Phường Bùi Hữu Nghĩa,31168,Phường Bình Thủy,x',
  '92,Thành phố Cần Thơ,Quận Cái Răng,31141,Phường An Phú,,,',
].join('\r\n');

describe('parseMappingFile', () => {
  it('reads the official CSV: one pair per row, quoted fields, rows without a successor apart', () => {
    const mapping = parseMappingFile(`\uFEFF${CSV}\r\n`);
    expect(mapping.format).toBe('csv');
    expect(mapping.pairs).toEqual([
      {
        oldUnitCode: '30733',
        oldUnitName: 'Phường Vĩnh Thanh',
        newUnitCode: '30742',
        newUnitName: 'Phường Rạch Giá',
      },
      {
        oldUnitCode: '31178',
        oldUnitName: 'Phường Bùi Hữu Nghĩa',
        newUnitCode: '31120',
        newUnitName: 'Phường Cái Khế',
      },
      {
        oldUnitCode: '31178',
        oldUnitName: 'Phường Bùi Hữu Nghĩa',
        newUnitCode: '31168',
        newUnitName: 'Phường Bình Thủy',
      },
    ]);
    expect(mapping.withoutSuccessor).toEqual(['31141']);
  });

  it('restores leading zeros a spreadsheet dropped, and reads ";" separated files', () => {
    const mapping = parseMappingFile('Mã xã cũ;Mã xã mới\n1;97\n4;4\n');
    expect(mapping.pairs.map((pair) => [pair.oldUnitCode, pair.newUnitCode])).toEqual([
      ['00001', '00097'],
      ['00004', '00004'],
    ]);
  });

  it('reads the dvhcvn splits (old → new) and merges (new ← old) JSON files', () => {
    const splits = {
      data: [
        {
          level1_id: '92',
          splits: [{ new_id: '92' }],
          level3s: [
            {
              level3_id: '31178',
              name: 'Phường Bùi Hữu Nghĩa',
              splits: [{ new_id: '31120' }, { new_id: '31168' }],
            },
            { level3_id: '31141', name: 'Phường An Phú', splits: [] },
          ],
        },
      ],
    };
    const fromSplits = parseMappingFile(JSON.stringify(splits));
    expect(fromSplits.format).toBe('dvhcvn-splits');
    expect(fromSplits.pairs.map((pair) => pair.newUnitCode)).toEqual(['31120', '31168']);
    expect(fromSplits.withoutSuccessor).toEqual(['31141']);
    const merges = {
      data: [
        {
          level1_id: '92',
          level2s: [
            { level2_id: '31120', name: 'Phường Cái Khế', merges: [{ old_id: '31178', type: 'partial' }] },
          ],
        },
      ],
    };
    const fromMerges = parseMappingFile(JSON.stringify(merges));
    expect(fromMerges.format).toBe('dvhcvn-merges');
    expect(fromMerges.pairs).toEqual([
      { oldUnitCode: '31178', oldUnitName: null, newUnitCode: '31120', newUnitName: 'Phường Cái Khế' },
    ]);
  });

  it('refuses, in both languages, a file that is neither', () => {
    const refusal = (text: string) => {
      try {
        parseMappingFile(text);
      } catch (error) {
        expect(error).toBeInstanceOf(BilingualError);
        return (error as BilingualError).text;
      }
      throw new Error('accepted');
    };
    expect(refusal('')).toMatchObject({ en: 'The mapping file is empty.' });
    expect(refusal('{"type":"FeatureCollection","features":[]}').en).toMatch(/not an old → new unit mapping/);
    expect(refusal('{not json').en).toMatch(/not valid JSON/);
    expect(refusal('code,name\n1,A\n').vi).toMatch(/thiếu cột mã xã cũ/);
    expect(refusal('just some words\nand more').en).toMatch(/neither a CSV/);
  });
});

describe('parseCsvRows', () => {
  it('keeps separators and line breaks inside quotes', () => {
    expect(parseCsvRows('a,"b,c","d\ne"\n\n1,2,3')).toEqual([
      ['a', 'b,c', 'd\ne'],
      ['1', '2', '3'],
    ]);
  });
});
