import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_SUGGESTIONS, auditActionLabel, isKnownAuditAction } from './audit-actions';

describe('audit actions in words', () => {
  it('names the actions the server writes', () => {
    expect(auditActionLabel('auth.login')).toEqual({ vi: 'Đăng nhập', en: 'Sign-in' });
    expect(auditActionLabel('auth.logout').vi).toBe('Đăng xuất');
    expect(auditActionLabel('user.create').vi).toBe('Tạo tài khoản');
    expect(auditActionLabel('user.update').vi).toBe('Sửa tài khoản');
    expect(auditActionLabel('user.reset-password').vi).toBe('Đặt lại mật khẩu');
    expect(auditActionLabel('access.denied').vi).toBe('Bị từ chối truy cập');
    expect(auditActionLabel('settings.update').vi).toBe('Đổi cấu hình');
    expect(auditActionLabel('boundaries.import').vi).toBe('Nhập ranh giới');
    expect(auditActionLabel('audit.export').vi).toBe('Xuất nhật ký');
  });

  it('shows an unknown action as its code', () => {
    expect(auditActionLabel('incidents.create')).toEqual({ vi: 'incidents.create', en: 'incidents.create' });
    expect(isKnownAuditAction('incidents.create')).toBe(false);
    expect(isKnownAuditAction('auth.login')).toBe(true);
    // Not fooled by what every object has.
    expect(isKnownAuditAction('toString')).toBe(false);
    expect(auditActionLabel('toString')).toEqual({ vi: 'toString', en: 'toString' });
  });

  it('suggests each filter once', () => {
    const values = AUDIT_ACTION_SUGGESTIONS.map((suggestion) => suggestion.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toContain('auth.');
  });
});
