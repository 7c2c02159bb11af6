import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgencyLevel } from '../agency/agency';
import {
  adminLevel,
  hasAnyRole,
  mayChange,
  refusalMessage,
  SHARED_DATA,
  type SharedData,
} from './permissions';
import type { Role } from './role';

const user = (roles: Role[], level: AgencyLevel | null) => ({ roles, agency: level ? { level } : null });
const commune = user(['admin'], 'commune');
const district = user(['admin'], 'district');
const province = user(['admin'], 'province');
const system = user(['sysadmin'], 'province');
const systemNoAgency = user(['sysadmin'], null);
const leader = user(['leader'], 'province');

describe('administrators’ levels (who may change shared data)', () => {
  it('reads the level from the role and, for an administrator, from the agency’s level', () => {
    assert.equal(adminLevel(commune), 'agency');
    assert.equal(adminLevel(district), 'agency');
    assert.equal(adminLevel(user(['admin'], null)), 'agency');
    assert.equal(adminLevel(province), 'province');
    assert.equal(adminLevel(system), 'system');
    assert.equal(adminLevel(systemNoAgency), 'system');
    assert.equal(adminLevel(leader), null);
  });

  it('gives the calendar and the catalogue to the province, the fields and system accounts to the system', () => {
    const table = Object.fromEntries(
      (Object.keys(SHARED_DATA) as SharedData[]).map((d) => [
        d,
        [leader, commune, district, province, system, systemNoAgency].map((u) => mayChange(u, d)),
      ]),
    );
    assert.deepEqual(table, {
      officialCalendar: [false, false, false, true, true, true],
      procedures: [false, false, false, true, true, true],
      sharedWorkflow: [false, false, false, true, true, true],
      fields: [false, false, false, false, true, true],
      systemAdmins: [false, false, false, false, true, true],
    });
  });

  it('counts the system administrator as an administrator wherever one is accepted', () => {
    assert.ok(hasAnyRole(['sysadmin'], ['admin']));
    assert.ok(hasAnyRole(['sysadmin'], ['reception', 'admin']));
    assert.ok(!hasAnyRole(['sysadmin'], ['reception', 'leader']));
    assert.ok(!hasAnyRole(['admin'], ['sysadmin']));
    assert.ok(hasAnyRole(['leader'], ['leader', 'admin']));
  });

  it('says who may, in Vietnamese, when refusing', () => {
    assert.match(refusalMessage('officialCalendar'), /^Chỉ quản trị viên cấp tỉnh .*lịch nghỉ chính thức/);
    assert.match(refusalMessage('fields'), /^Chỉ quản trị hệ thống được .*lĩnh vực/);
  });
});
