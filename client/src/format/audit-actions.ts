/**
 * Audit trail actions in words. The server writes dotted codes ("auth.login"); the log page shows the
 * words where it knows them and the code itself otherwise, so a new kind of entry is never hidden.
 */
import { type BilingualText, bilingual } from '@domain/bilingual';

// A Map, not an object: an action named "toString" must not find Object.prototype's.
const ACTION_LABELS = new Map<string, BilingualText>([
  ['auth.login', bilingual('Đăng nhập', 'Sign-in')],
  ['auth.logout', bilingual('Đăng xuất', 'Sign-out')],
  ['user.create', bilingual('Tạo tài khoản', 'Account created')],
  ['user.update', bilingual('Sửa tài khoản', 'Account changed')],
  ['user.reset-password', bilingual('Đặt lại mật khẩu', 'Password reset')],
  ['access.denied', bilingual('Bị từ chối truy cập', 'Access denied')],
  ['settings.update', bilingual('Đổi cấu hình', 'Settings changed')],
  ['incident-category.create', bilingual('Thêm loại vụ việc', 'Incident category added')],
  ['incident-category.update', bilingual('Sửa loại vụ việc', 'Incident category changed')],
  ['indicator-definition.create', bilingual('Thêm chỉ tiêu', 'Indicator added')],
  ['indicator-definition.update', bilingual('Sửa chỉ tiêu', 'Indicator changed')],
  ['boundaries.import', bilingual('Nhập ranh giới', 'Boundaries imported')],
  ['audit.export', bilingual('Xuất nhật ký', 'Audit log exported')],
]);

/** The action in words, or its code in both languages when it is not one we know. */
export function auditActionLabel(action: string): BilingualText {
  return ACTION_LABELS.get(action) ?? bilingual(action, action);
}

/** Whether the action has words of its own (the log then shows the code beside them, smaller). */
export function isKnownAuditAction(action: string): boolean {
  return ACTION_LABELS.has(action);
}

/** Suggestions for the action filter: groups by prefix, then every known action. */
export const AUDIT_ACTION_SUGGESTIONS: readonly { value: string; label: BilingualText }[] = [
  { value: 'auth.', label: bilingual('Đăng nhập, đăng xuất', 'Sign-in and sign-out') },
  { value: 'user.', label: bilingual('Tài khoản', 'Accounts') },
  ...[...ACTION_LABELS].map(([value, label]) => ({ value, label })),
];
