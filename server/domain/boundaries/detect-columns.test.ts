import { describe, expect, it } from 'vitest';
import { ColumnError, detectColumns } from './detect-columns';

describe('detectColumns', () => {
  it('reads the columns of the GSO-joined files', () => {
    const mapping = detectColumns(
      ['code', 'name', 'type', 'district', 'province', 'gadm_gid3', 'pop2009_census', 'new2025_code'],
      'commune',
    );
    expect(mapping).toEqual({
      code: ['code'],
      name: ['name'],
      kind: ['type'],
      districtCode: [],
      districtName: ['district'],
      provinceCode: [],
      provinceName: ['province'],
      population: ['pop2009_census'],
    });
  });

  it('reads Vietnamese column names with or without accents and separators', () => {
    const mapping = detectColumns(
      ['Mã xã', 'Tên xã', 'LOAI', 'Ma_Huyen', 'Ten_Huyen', 'Tinh', 'Dân số'],
      'commune',
    );
    expect(mapping.code).toEqual(['Mã xã']);
    expect(mapping.name).toEqual(['Tên xã']);
    expect(mapping.kind).toEqual(['LOAI']);
    expect(mapping.districtCode).toEqual(['Ma_Huyen']);
    expect(mapping.districtName).toEqual(['Ten_Huyen']);
    expect(mapping.provinceName).toEqual(['Tinh']);
    expect(mapping.population).toEqual(['Dân số']);
  });

  it('reads a raw GADM level-3 file', () => {
    const mapping = detectColumns(['GID_3', 'NAME_1', 'NAME_2', 'NAME_3', 'TYPE_3', 'ENGTYPE_3'], 'commune');
    expect(mapping.code).toEqual(['GID_3']);
    expect(mapping.name).toEqual(['NAME_3']);
    expect(mapping.kind).toEqual(['TYPE_3']);
    expect(mapping.districtName).toEqual(['NAME_2']);
    expect(mapping.provinceName).toEqual(['NAME_1']);
  });

  it('takes "huyen" as the name in a district file', () => {
    const mapping = detectColumns(['ma', 'huyen', 'tinh'], 'district');
    expect(mapping.code).toEqual(['ma']);
    expect(mapping.name).toEqual(['huyen']);
    expect(mapping.provinceName).toEqual(['tinh']);
  });

  it('lets overrides win, with fallbacks, and explains unknown columns', () => {
    const mapping = detectColumns(['code', 'gadm_gid3', 'ten'], 'commune', { code: ['code', 'gadm_gid3'] });
    expect(mapping.code).toEqual(['code', 'gadm_gid3']);
    expect(mapping.name).toEqual(['ten']);
    expect(() => detectColumns(['code'], 'commune', { name: ['TEN_XA'] })).toThrow(ColumnError);
    expect(() => detectColumns(['code'], 'commune', { name: ['TEN_XA'] })).toThrow(/Its columns: code/);
  });
});
