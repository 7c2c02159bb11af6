/** Vietnamese labels, as officials name the roles (no schema library: the portal's shell imports it). */
export const ROLE_LABELS_VI: Record<
  'citizen' | 'reception' | 'specialist' | 'leader' | 'admin' | 'postal' | 'sysadmin',
  string
> = {
  citizen: 'Công dân',
  reception: 'Cán bộ một cửa', // công chức tiếp nhận và trả kết quả
  specialist: 'Chuyên viên', // chuyên viên xử lý
  leader: 'Lãnh đạo',
  admin: 'Quản trị viên', // of an agency: cấp tỉnh or cấp xã by the agency's level
  postal: 'Nhân viên bưu chính', // bưu chính công ích
  sysadmin: 'Quản trị hệ thống',
};
