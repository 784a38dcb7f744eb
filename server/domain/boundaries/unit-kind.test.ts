import { describe, expect, it } from 'vitest';
import { fullUnitName, kindFromName, normaliseUnitKind } from './unit-kind';

describe('unit kinds', () => {
  it('normalises the spellings files use', () => {
    expect(normaliseUnitKind('xa', 'commune')).toBe('Xã');
    expect(normaliseUnitKind('THỊ TRẤN', 'commune')).toBe('Thị trấn');
    expect(normaliseUnitKind('Ward', 'commune')).toBe('Phường');
    expect(normaliseUnitKind('Đặc khu', 'commune')).toBe('Đặc khu');
    expect(normaliseUnitKind('Thành phố', 'district')).toBe('Thành phố');
    expect(normaliseUnitKind('Town', 'district')).toBe('Thị xã');
    expect(normaliseUnitKind('something else ', 'commune')).toBe('something else');
  });

  it('reads the kind a name starts with', () => {
    expect(kindFromName('Thị trấn Thứ Mười Một', 'commune')).toBe('Thị trấn');
    expect(kindFromName('Phường Vĩnh Thanh Vân', 'commune')).toBe('Phường');
    expect(kindFromName('Xã Đông Thái', 'commune')).toBe('Xã');
    expect(kindFromName('Thị xã Hà Tiên', 'district')).toBe('Thị xã');
    expect(kindFromName('Đông Thái', 'commune')).toBeNull();
    expect(kindFromName('Xã', 'commune')).toBeNull();
  });

  it('builds the full name once', () => {
    expect(fullUnitName('Đông Thái', 'Xã')).toBe('Xã Đông Thái');
    expect(fullUnitName('Xã Đông Thái', 'Xã')).toBe('Xã Đông Thái');
    expect(fullUnitName('Đông Thái', null)).toBe('Đông Thái');
  });
});
