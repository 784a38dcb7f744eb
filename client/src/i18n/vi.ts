/** Vietnamese, the default language. Keys are shared with en.ts, which must match this shape. */
export const vi = {
  app: {
    name: 'Diaban',
    subtitle: 'Bản đồ địa bàn',
    title: 'Diaban — Bản đồ địa bàn',
  },
  language: {
    switchTo: 'EN',
    switchToTitle: 'Switch to English',
  },
  search: {
    label: 'Tìm xã, phường, thị trấn',
    placeholder: 'Tìm xã, phường, thị trấn…',
    searching: 'Đang tìm…',
    noResults: 'Không tìm thấy đơn vị nào',
  },
  era: {
    label: 'Thời kỳ ranh giới',
    range: '{from} – {to}',
    since: 'từ {from}',
    demo: 'dữ liệu mẫu',
    current: 'hiện hành',
    none: 'Chưa có dữ liệu ranh giới',
  },
  filters: {
    title: 'Lọc theo địa bàn',
    province: 'Tỉnh, thành phố',
    district: 'Quận, huyện',
    allProvinces: 'Tất cả tỉnh, thành phố',
    allDistricts: 'Tất cả quận, huyện',
    noDistricts: 'Thời kỳ này không có cấp huyện',
  },
  layers: {
    title: 'Lớp bản đồ',
    fill: 'Xã, phường, thị trấn',
    districts: 'Ranh giới quận, huyện',
    provinces: 'Ranh giới tỉnh',
    labels: 'Nhãn tên',
    basemap: 'Bản đồ nền',
  },
  unit: {
    panelTitle: 'Thông tin đơn vị',
    close: 'Đóng',
    code: 'Mã đơn vị',
    kind: 'Loại',
    district: 'Quận, huyện',
    province: 'Tỉnh, thành phố',
    area: 'Diện tích',
    areaValue: '{value} km²',
    population: 'Dân số',
    populationValue: '{value} người',
    unknown: 'Chưa có số liệu',
    era: 'Thời kỳ ranh giới',
    validity: 'Hiệu lực',
  },
  demo: {
    banner: 'DỮ LIỆU MẪU — tỉnh giả định, không phải ranh giới thật',
  },
  status: {
    loading: 'Đang tải dữ liệu…',
    retry: 'Thử lại',
    errorTitle: 'Đã xảy ra lỗi',
    dismiss: 'Bỏ qua',
    mapFailed: 'Không khởi tạo được bản đồ. Trình duyệt cần hỗ trợ WebGL.',
    basemapFailed: 'Không tải được bản đồ nền; các lớp ranh giới vẫn dùng bình thường.',
    unexpected: 'Lỗi không mong đợi: {message}',
  },
  map: {
    label: 'Bản đồ các xã, phường, thị trấn',
    zoomIn: 'Phóng to',
    zoomOut: 'Thu nhỏ',
  },
};

export type MessageSchema = typeof vi;
