import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Vietnamese is the product's language: the Vietnamese text is the key, shown as is. English
 * translations map those keys; a missing one falls back to the Vietnamese.
 */
const en: Record<string, string> = {
  'Đăng nhập': 'Sign in',
  'Đăng xuất': 'Sign out',
  'Tên đăng nhập': 'Username',
  'Mật khẩu': 'Password',
  'Hãy nhập tên đăng nhập.': 'Enter your username.',
  'Hãy nhập mật khẩu.': 'Enter your password.',
  'Cổng dịch vụ công': 'Public service portal',
  'Bàn làm việc một cửa': 'One-stop desk',
  'Quản trị hệ thống': 'System administration',
  'Quản trị cấp tỉnh': 'Province administration',
  'Quản trị cơ quan': 'Agency administration',
  'Trang quản trị': 'Administration',
  'Trang chủ': 'Home',
  'Tra cứu thủ tục': 'Find a procedure',
  'Nộp hồ sơ trực tuyến': 'Submit online',
  'Tra cứu hồ sơ': 'Track a dossier',
  'Cơ quan giải quyết': 'Agencies',
  'Cơ quan, đơn vị': 'Agencies',
  'Người dùng': 'Users',
  'Tiếp nhận hồ sơ': 'Reception',
  'Hồ sơ cần xử lý': 'To process',
  'Trả kết quả': 'Return results',
  'Thống kê': 'Statistics',
  'Đổi mật khẩu': 'Change password',
  'Mật khẩu hiện tại': 'Current password',
  'Mật khẩu mới': 'New password',
  'Nhập lại mật khẩu mới': 'Repeat the new password',
  Lưu: 'Save',
  Hủy: 'Cancel',
  Sửa: 'Edit',
  'Thêm cơ quan': 'Add agency',
  'Thêm người dùng': 'Add user',
  'Thêm đơn vị trực thuộc': 'Add sub-unit',
  'Mã định danh': 'Identifier code',
  Tên: 'Name',
  Cấp: 'Level',
  'Cơ quan cấp trên': 'Parent agency',
  'Địa chỉ': 'Address',
  'Điện thoại': 'Phone',
  'Thư điện tử': 'E-mail',
  'Giờ làm việc': 'Office hours',
  'Đang hoạt động': 'Active',
  'Ngừng hoạt động': 'Inactive',
  'Trạng thái': 'Status',
  'Họ và tên': 'Full name',
  'Vai trò': 'Roles',
  'Cơ quan': 'Agency',
  'Tìm theo tên, tên đăng nhập, điện thoại': 'Search by name, username, phone',
  'Mật khẩu mới (để trống nếu không đổi)': 'New password (leave empty to keep)',
  'Đã lưu.': 'Saved.',
  'Chức năng đang được xây dựng': 'This function is being built',
  'Chữ lớn': 'Large text',
  'Xin chào': 'Hello',
  'Lĩnh vực': 'Field',
  'Thời hạn giải quyết': 'Processing time',
  'Phí, lệ phí': 'Fees and charges',
  'Thành phần hồ sơ': 'Dossier components',
  'Tìm thấy': 'Found',
  'thủ tục': 'procedures',
  'Không tìm thấy thủ tục phù hợp.': 'No matching procedure.',
};

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, vi: { translation: {} } },
  lng: (typeof localStorage !== 'undefined' && localStorage.getItem('motcua.lang')) || 'vi',
  fallbackLng: 'vi',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnEmptyString: false,
});

export function setLanguage(lang: 'vi' | 'en') {
  localStorage.setItem('motcua.lang', lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export default i18n;
