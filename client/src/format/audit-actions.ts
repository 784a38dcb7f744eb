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
  ['database.restore', bilingual('Khôi phục cơ sở dữ liệu', 'Database restored')],
  ['incident.create', bilingual('Thêm vụ việc', 'Incident added')],
  ['incident.update', bilingual('Sửa vụ việc', 'Incident changed')],
  ['incidents.import', bilingual('Nhập vụ việc từ tệp', 'Incidents imported')],
  ['flashpoint.create', bilingual('Thêm điểm nóng', 'Flashpoint added')],
  ['flashpoint.update', bilingual('Sửa điểm nóng', 'Flashpoint changed')],
  ['flashpoint.status', bilingual('Đổi trạng thái điểm nóng', 'Flashpoint status changed')],
  ['vice-spot.create', bilingual('Thêm tụ điểm', 'Vice spot added')],
  ['vice-spot.update', bilingual('Sửa tụ điểm', 'Vice spot changed')],
  ['vice-spot.status', bilingual('Đổi trạng thái tụ điểm', 'Vice spot status changed')],
  ['indicators.update', bilingual('Nhập số liệu chỉ tiêu', 'Indicator figures entered')],
  ['lineage.import', bilingual('Nhập bảng chuyển đổi đơn vị', 'Unit lineage imported')],
  [
    'lineage.derive',
    bilingual('Suy ra chuyển đổi đơn vị từ ranh giới', 'Unit lineage derived from boundaries'),
  ],
  ['programme.phase.save', bilingual('Sửa giai đoạn chương trình', 'Programme phase changed')],
  ['programme.year.save', bilingual('Sửa cấu hình năm', 'Programme year changed')],
  ['programme.criteria.save', bilingual('Lưu bộ tiêu chí', 'Criteria set saved')],
  ['programme.criterion.enter', bilingual('Nhập kết quả tiêu chí', 'Criterion value entered')],
  ['programme.cycle.create', bilingual('Đưa xã vào chu kỳ chuyển hóa', 'Programme cycle opened')],
  ['programme.cycle.transition', bilingual('Chuyển bước chuyển hóa', 'Programme status changed')],
  ['programme.decision.create', bilingual('Thêm quyết định', 'Decision added')],
  ['programme.decision.document', bilingual('Đính kèm văn bản quyết định', 'Decision document attached')],
  ['programme.designation.create', bilingual('Thêm danh hiệu, xếp loại', 'Designation added')],
  ['programme.designation.delete', bilingual('Bỏ danh hiệu, xếp loại', 'Designation removed')],
  ['programme.list.export', bilingual('Xuất danh sách xã', 'Commune list exported')],
  ['saved-view.create', bilingual('Lưu chế độ xem', 'View saved')],
  ['saved-view.rename', bilingual('Đổi tên chế độ xem', 'Saved view renamed')],
  ['saved-view.delete', bilingual('Xóa chế độ xem', 'Saved view deleted')],
  ['briefing-pack.create', bilingual('Tạo bộ tài liệu giao ban', 'Briefing pack created')],
  ['briefing-pack.update', bilingual('Sửa bộ tài liệu giao ban', 'Briefing pack changed')],
  ['briefing-pack.delete', bilingual('Xóa bộ tài liệu giao ban', 'Briefing pack deleted')],
  ['briefing-pack.render', bilingual('Xuất bộ tài liệu giao ban', 'Briefing pack rendered')],
  ['snapshot.export', bilingual('Xuất ảnh bản đồ', 'Map snapshot exported')],
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
  { value: 'programme.', label: bilingual('Chương trình chuyển hóa', 'Transformation programme') },
  { value: 'incident', label: bilingual('Vụ việc', 'Incidents') },
  { value: 'briefing-pack.', label: bilingual('Tài liệu giao ban', 'Briefing packs') },
  ...[...ACTION_LABELS].map(([value, label]) => ({ value, label })),
];
