import type { AgencyLevel } from '../../../domain/agency/agency';
import type { Role } from '../../../domain/identity/role';

/**
 * Demo data, seeded once on a new database when MOTCUA_DEMO_DATA is on (the default).
 * The province code 000.00.00.H29 is Ho Chi Minh City's real identifier (as used in its public
 * service portal). The ward/commune codes below are ILLUSTRATIVE, in the QCVN 102:2016 shape:
 * a real deployment enters each agency's official code, never these.
 */
export const DEMO_PASSWORD = 'motcua@2026';

export interface DemoAgency {
  key: string;
  parent: string | null;
  code: string;
  name: string;
  level: AgencyLevel;
  address: string;
  phone: string | null;
}

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    key: 'hcm',
    parent: null,
    code: '000.00.00.H29',
    name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
    level: 'province',
    address: '86 Lê Thánh Tôn, Phường Sài Gòn, Thành phố Hồ Chí Minh',
    phone: null,
  },
  {
    key: 'saigon',
    parent: 'hcm',
    code: '000.01.30.H29',
    name: 'Ủy ban nhân dân Phường Sài Gòn',
    level: 'commune',
    address: '45-47 Lê Duẩn, Phường Sài Gòn, Thành phố Hồ Chí Minh',
    phone: null,
  },
  {
    key: 'benthanh',
    parent: 'hcm',
    code: '000.02.30.H29',
    name: 'Ủy ban nhân dân Phường Bến Thành',
    level: 'commune',
    address: '92 Nguyễn Trãi, Phường Bến Thành, Thành phố Hồ Chí Minh',
    phone: null,
  },
  {
    key: 'cangio',
    parent: 'hcm',
    code: '000.03.30.H29',
    name: 'Ủy ban nhân dân Xã Cần Giờ',
    level: 'commune',
    address: 'Đường Lương Văn Nho, Xã Cần Giờ, Thành phố Hồ Chí Minh',
    phone: null,
  },
];

export interface DemoUser {
  username: string;
  fullName: string;
  roles: Role[];
  agency: string | null;
  phone: string | null;
}

/** At least one account per role; all share DEMO_PASSWORD (README lists them). */
export const DEMO_USERS: DemoUser[] = [
  // Administrators at three reaches (issue 16): the province's, a ward's, and the system's.
  { username: 'quantri', fullName: 'Phạm Thu Hà', roles: ['admin'], agency: 'hcm', phone: null },
  { username: 'quantri.saigon', fullName: 'Lý Minh Khoa', roles: ['admin'], agency: 'saigon', phone: null },
  {
    username: 'quantri.hethong',
    fullName: 'Trương Ngọc Diệp',
    roles: ['sysadmin'],
    agency: 'hcm',
    phone: null,
  },
  { username: 'tiepnhan', fullName: 'Nguyễn Thị Lan', roles: ['reception'], agency: 'saigon', phone: null },
  { username: 'chuyenvien', fullName: 'Trần Văn Minh', roles: ['specialist'], agency: 'saigon', phone: null },
  { username: 'lanhdao', fullName: 'Lê Hoàng Nam', roles: ['leader'], agency: 'saigon', phone: null },
  { username: 'buudien', fullName: 'Võ Văn Tâm', roles: ['postal'], agency: 'saigon', phone: null },
  {
    username: 'tiepnhan.benthanh',
    fullName: 'Hoàng Đức Anh',
    roles: ['reception'],
    agency: 'benthanh',
    phone: null,
  },
  // Provincial Public Administration Service Centre staff, for một cửa liên thông (commune → province).
  {
    username: 'chuyenvien.tinh',
    fullName: 'Bùi Thị Thanh Hương',
    roles: ['specialist'],
    agency: 'hcm',
    phone: null,
  },
  { username: 'lanhdao.tinh', fullName: 'Đỗ Quang Vinh', roles: ['leader'], agency: 'hcm', phone: null },
  { username: 'congdan', fullName: 'Đặng Thị Mai', roles: ['citizen'], agency: null, phone: '0912345678' },
];
