import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_CATEGORIES, type IncidentCategory } from './incident-taxonomy';
import {
  cellText,
  matchCategory,
  parseCleared,
  parseCoordinate,
  parseCount,
  parseSeverity,
} from './parse-incident-values';

describe('parseSeverity', () => {
  it.each([
    ['Ít nghiêm trọng', 'it-nghiem-trong'],
    ['ÍT NGHIÊM TRỌNG', 'it-nghiem-trong'],
    ['Nghiêm trọng', 'nghiem-trong'],
    ['Rất nghiêm trọng', 'rat-nghiem-trong'],
    ['Đặc biệt nghiêm trọng', 'dac-biet-nghiem-trong'],
    ['dac biet nghiem trong', 'dac-biet-nghiem-trong'],
    ['Tội phạm rất nghiêm trọng', 'rat-nghiem-trong'],
    ['Vụ đặc biệt nghiêm trọng', 'dac-biet-nghiem-trong'],
    ['ÍNT', 'it-nghiem-trong'],
    ['NT', 'nghiem-trong'],
    ['RNT', 'rat-nghiem-trong'],
    ['ĐBNT', 'dac-biet-nghiem-trong'],
    ['rat-nghiem-trong', 'rat-nghiem-trong'],
    ['Less serious', 'it-nghiem-trong'],
    ['Very serious', 'rat-nghiem-trong'],
    ['Particularly serious', 'dac-biet-nghiem-trong'],
    [1, 'it-nghiem-trong'],
    ['4', 'dac-biet-nghiem-trong'],
  ])('reads %j as %s', (value, severity) => {
    expect(parseSeverity(value)).toBe(severity);
  });

  it.each([['Không nghiêm trọng'], ['Nặng'], [5], [0], [''], [null], [true], ['serious-ish thing']])(
    'does not read %j',
    (value) => {
      expect(parseSeverity(value)).toBeNull();
    },
  );
});

describe('parseCleared', () => {
  it.each([
    ['Có', true],
    ['có', true],
    ['CO', true],
    ['Đã khám phá', true],
    ['Khám phá', true],
    ['đã', true],
    ['x', true],
    ['X', true],
    ['✓', true],
    ['yes', true],
    ['TRUE', true],
    ['1', true],
    [1, true],
    [true, true],
    ['ARREST, BOOKED', true],
    ['Không', false],
    ['không khám phá được', false],
    ['Chưa khám phá', false],
    ['chưa', false],
    ['No', false],
    ['false', false],
    ['0', false],
    [0, false],
    [false, false],
    ['-', false],
    ['', false],
    ['   ', false],
    [null, false],
    [undefined, false],
  ])('reads %j as %s', (value, cleared) => {
    expect(parseCleared(value)).toBe(cleared);
  });

  it.each([['có lẽ'], ['đang điều tra'], [2], [0.5], [{}], [new Date(0)]])('does not read %j', (value) => {
    expect(parseCleared(value)).toBeNull();
  });
});

describe('parseCount', () => {
  it.each([
    [0, 0],
    [3, 3],
    ['3', 3],
    [' 12 ', 12],
    ['3 người', 3],
    ['3.0', 3],
    ['3,00', 3],
    [2.0, 2],
    ['', 0],
    [null, 0],
    [undefined, 0],
    ['-', 0],
    ['Không', 0],
  ])('reads %j as %d', (value, count) => {
    expect(parseCount(value)).toBe(count);
  });

  it.each([
    [-1],
    ['-1'],
    [1.5],
    ['1.5'],
    ['1.000'],
    ['ba'],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [true],
    [[1]],
  ])('does not read %j', (value) => {
    expect(parseCount(value)).toBeNull();
  });
});

describe('parseCoordinate', () => {
  it.each([
    [105.0809, 105.0809],
    ['105.0809', 105.0809],
    ['105,0809', 105.0809],
    [' -87.648174955 ', -87.648174955],
    ['−87.5', -87.5],
    ['-1.22453457575e+002', -122.453457575],
    ['3.77132121535e+001', 37.7132121535],
    ['1171154', 1171154],
    ['.5', 0.5],
  ])('reads the number %j', (value, number) => {
    expect(parseCoordinate(value)).toBeCloseTo(number, 9);
  });

  it.each([
    [`105°30'15"E`, 105 + 30 / 60 + 15 / 3600],
    [`105° 30' 15.5" E`, 105 + 30 / 60 + 15.5 / 3600],
    [`E 105°30'15"`, 105 + 30 / 60 + 15 / 3600],
    [`10°45.5'N`, 10 + 45.5 / 60],
    [`10°45'N`, 10.75],
    [`87°38'53"W`, -(87 + 38 / 60 + 53 / 3600)],
    [`-87°38'53"`, -(87 + 38 / 60 + 53 / 3600)],
    [`S 33°52'0"`, -(33 + 52 / 60)],
    ['105.5°', 105.5],
    ['105,5°E', 105.5],
    ['105°30′15″E', 105 + 30 / 60 + 15 / 3600],
  ])('reads degrees, minutes and seconds %j', (value, degrees) => {
    expect(parseCoordinate(value)).toBeCloseTo(degrees, 9);
  });

  it.each([
    ['1,171,154'],
    ['10.762.622'],
    ['abc'],
    [''],
    [null],
    [Number.NaN],
    [`105°75'E`],
    [`N 10°45' S`],
    [`-10°45'N`],
    [true],
    [[105, 10]],
  ])('does not read %j', (value) => {
    expect(parseCoordinate(value)).toBeNull();
  });
});

describe('matchCategory', () => {
  const categories = DEFAULT_INCIDENT_CATEGORIES;

  it.each([
    ['Đánh bạc', 'danh-bac'],
    ['ĐÁNH BẠC', 'danh-bac'],
    ['danh bac', 'danh-bac'],
    ['danh-bac', 'danh-bac'],
    ['Tổ chức đánh bạc trái phép', 'danh-bac'],
    ['Ghi số đề', 'so-de'],
    ['Đá gà ăn tiền', 'da-ga'],
    ['Mua bán dâm', 'mai-dam'],
    ['Trộm cắp tài sản', 'trat-tu-xa-hoi'],
    ['Cướp giật tài sản', 'trat-tu-xa-hoi'],
    ['Tội phạm về trật tự xã hội', 'trat-tu-xa-hoi'],
    ['Buôn lậu', 'trat-tu-kinh-te'],
    ['Tàng trữ trái phép chất ma túy', 'ma-tuy'],
    ['Nhận hối lộ', 'tham-nhung'],
    ['Vi phạm an toàn thực phẩm', 'moi-truong'],
    ['TNGT', 'tai-nan-giao-thong'],
    ['Tai nạn giao thông đường bộ', 'tai-nan-giao-thong'],
    ['Cháy nhà dân', 'chay-no'],
    ['Khác', 'khac'],
    ['AGGRAVATED VEHICULAR HIJACKING', 'trat-tu-xa-hoi'],
    ['VEHICLE THEFT', 'trat-tu-xa-hoi'],
    ['DRUG/NARCOTIC', 'ma-tuy'],
    ['ROBBERY', 'trat-tu-xa-hoi'],
    ['VANDALISM', 'trat-tu-xa-hoi'],
  ])('matches %j to %s', (text, code) => {
    expect(matchCategory(text, categories)).toBe(code);
  });

  it('prefers the longest alias found inside the text', () => {
    // "cướp" (social order) and "tổ chức đánh bạc" (gambling) are both inside; the longer wins.
    expect(matchCategory('Cướp tại nơi tổ chức đánh bạc', categories)).toBe('danh-bac');
    // "ma túy" is inside "tổ chức sử dụng trái phép chất ma túy", which is longer and the same category.
    expect(matchCategory('Tổ chức sử dụng trái phép chất ma túy', categories)).toBe('ma-tuy');
  });

  it('matches aliases as whole words only', () => {
    // Folded, "bỏ chạy" (ran away) reads "bo chay": no alias is "cháy" alone, so it is not a fire.
    expect(matchCategory('Nghi phạm bỏ chạy', categories)).toBeNull();
    expect(matchCategory('Đám cháy tại chợ', categories)).toBe('chay-no');
    expect(matchCategory('chaynha', categories)).toBeNull();
    expect(matchCategory('Drugstore', categories)).toBeNull();
  });

  it('puts the explicit mapping first, as written then folded', () => {
    const mapping = { 'Cờ bạc bịp': 'danh-bac', 'Hình sự': 'khac', 'Vụ 7': 'khong-co' };
    expect(matchCategory('Cờ bạc bịp', categories, mapping)).toBe('danh-bac');
    expect(matchCategory('CO BAC BIP', categories, mapping)).toBe('danh-bac');
    expect(matchCategory('Hình sự', categories, mapping)).toBe('khac');
    expect(matchCategory('Hình sự', categories)).toBe('trat-tu-xa-hoi');
    // A mapping to a code the list lacks names nothing.
    expect(matchCategory('Vụ 7', categories, mapping)).toBeNull();
  });

  it('works with an edited list', () => {
    const edited: IncidentCategory[] = [
      { code: 'trom-cap', group: 'trat-tu-xa-hoi', nameVi: 'Trộm cắp', nameEn: 'Theft', aliases: ['trộm'] },
      { code: 'cuop', group: 'trat-tu-xa-hoi', nameVi: 'Cướp', nameEn: 'Robbery', aliases: ['cướp giật'] },
    ];
    expect(matchCategory('Trộm xe máy', edited)).toBe('trom-cap');
    expect(matchCategory('cướp giật điện thoại', edited)).toBe('cuop');
    expect(matchCategory('Đánh bạc', edited)).toBeNull();
    expect(matchCategory(7, edited, { '7': 'cuop' })).toBe('cuop');
  });

  it('names nothing for blank or unknown values', () => {
    for (const value of ['', '   ', null, undefined, 'gì đó', {}, ['danh-bac']]) {
      expect(matchCategory(value, categories)).toBeNull();
    }
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.anything(), fc.dictionary(fc.string(), fc.string()), (value, mapping) => {
        const code = matchCategory(value, categories, mapping);
        expect(code === null || categories.some((category) => category.code === code)).toBe(true);
      }),
    );
  });
});

describe('cellText', () => {
  it('tidies text and writes numbers out', () => {
    expect(cellText('  Số  hiệu \n 12 ')).toBe('Số hiệu 12');
    expect(cellText('Thủy'.normalize('NFD'))).toBe('Thủy'.normalize('NFC'));
    expect(cellText(12243012)).toBe('12243012');
    expect(cellText('')).toBeNull();
    expect(cellText(Number.NaN)).toBeNull();
    expect(cellText({})).toBeNull();
  });
});
