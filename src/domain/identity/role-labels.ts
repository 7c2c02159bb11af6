/** Vietnamese labels, as officials name the roles (no schema library: the portal's shell imports it). */
export const ROLE_LABELS_VI: Record<
  'citizen' | 'reception' | 'specialist' | 'leader' | 'admin' | 'postal',
  string
> = {
  citizen: 'Công dân',
  reception: 'Cán bộ một cửa', // công chức tiếp nhận và trả kết quả
  specialist: 'Chuyên viên', // chuyên viên xử lý
  leader: 'Lãnh đạo',
  admin: 'Quản trị hệ thống',
  postal: 'Nhân viên bưu chính', // bưu chính công ích
};
