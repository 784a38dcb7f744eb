import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('the path to go to after signing in', () => {
  it('keeps an in-app path with its query', () => {
    expect(safeNextPath('/map?era=2021&lng=105.1&lat=10&z=9')).toBe('/map?era=2021&lng=105.1&lat=10&z=9');
    expect(safeNextPath('/admin/users')).toBe('/admin/users');
    expect(safeNextPath('/map?province=T%E1%BB%89nh')).toBe('/map?province=T%E1%BB%89nh');
  });

  it('takes the first of repeated values', () => {
    expect(safeNextPath(['/admin/audit', '/map'])).toBe('/admin/audit');
    expect(safeNextPath([null, '/map'])).toBeNull();
  });

  it('refuses what is missing or empty', () => {
    expect(safeNextPath(undefined)).toBeNull();
    expect(safeNextPath(null)).toBeNull();
    expect(safeNextPath('')).toBeNull();
    expect(safeNextPath([])).toBeNull();
  });

  it('refuses other sites and schemes', () => {
    expect(safeNextPath('https://example.com/')).toBeNull();
    expect(safeNextPath('//example.com/map')).toBeNull();
    expect(safeNextPath('/\\example.com')).toBeNull();
    expect(safeNextPath('javascript:alert(1)')).toBeNull();
    expect(safeNextPath('map')).toBeNull();
    expect(safeNextPath('/\t/example.com')).toBeNull();
    expect(safeNextPath('/map\n')).toBeNull();
  });

  it('refuses the sign-in page itself, so signing in cannot loop', () => {
    expect(safeNextPath('/login')).toBeNull();
    expect(safeNextPath('/login?next=%2Fmap')).toBeNull();
    expect(safeNextPath('/login/')).toBeNull();
    expect(safeNextPath('/loginx')).toBe('/loginx');
  });

  it('refuses absurdly long values', () => {
    expect(safeNextPath(`/map?x=${'a'.repeat(3000)}`)).toBeNull();
  });
});
