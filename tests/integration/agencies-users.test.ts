import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  skipUnlessPostgres,
  startTestServer,
  type TestServer,
} from '../support/server';

interface Agency {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  level: string;
  active: boolean;
  officeHours: { sessions: { start: string; end: string }[] };
}
interface User {
  id: string;
  username: string;
  agencyId: string | null;
  roles: string[];
  active: boolean;
}

for (const backend of BACKENDS) {
  describe(`agencies and users on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let sys: Client; // system administrator `admin` (role sysadmin, no agency)
    let prov: Client; // the province's administrator `quantri`
    let hcm: Agency;
    before(async () => {
      s = await startTestServer(backend);
      sys = await new Client(s.app).login('admin', ADMIN_PASSWORD);
      prov = await new Client(s.app).login('quantri', DEMO_PASSWORD);
      const list = await new Client(s.app).get<{ items: Agency[] }>('/api/v1/agencies');
      hcm = list.body.items.find((a) => a.code === '000.00.00.H29')!;
    });
    after(() => s?.close());

    it('lists the seeded province and its communes to anyone, sorted in Vietnamese order', async () => {
      const r = await new Client(s.app).get<{ items: Agency[] }>('/api/v1/agencies');
      assert.equal(r.status, 200);
      const communes = r.body.items.filter((a) => a.parentId === hcm.id).map((a) => a.name);
      assert.ok(communes.length >= 2);
      assert.deepEqual(communes, [...communes].sort(new Intl.Collator('vi').compare));
      assert.deepEqual(hcm.officeHours.sessions, [
        { start: '07:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ]);
    });

    it('lets a province administrator create a commune under the province, with default office hours', async () => {
      const r = await prov.post<Agency>('/api/v1/agencies', {
        parentId: hcm.id,
        code: '000.04.30.h29',
        name: 'Ủy ban nhân dân Phường Tân Định',
        level: 'commune',
        address: 'Phường Tân Định, Thành phố Hồ Chí Minh',
      });
      assert.equal(r.status, 201);
      assert.equal(r.body.code, '000.04.30.H29');
      assert.equal(r.body.parentId, hcm.id);
      assert.equal(r.body.officeHours.sessions.length, 2);
      const got = await new Client(s.app).get<Agency>(`/api/v1/agencies/${r.body.id}`);
      assert.equal(got.body.name, 'Ủy ban nhân dân Phường Tân Định');
    });

    it('refuses an identifier code not in the QCVN 102:2016 shape, and a duplicate code', async () => {
      const bad = await prov.post<ApiError>('/api/v1/agencies', {
        parentId: hcm.id,
        code: 'XA-01',
        name: 'Xã thử',
        level: 'commune',
      });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.message, /QCVN 102:2016/);
      const dup = await prov.post<ApiError>('/api/v1/agencies', {
        parentId: hcm.id,
        code: '000.01.30.H29',
        name: 'Trùng mã',
        level: 'commune',
      });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, 'AGENCY_CODE_TAKEN');
    });

    it('keeps the tree in order: a province has no parent, a commune sits under a province or district', async () => {
      const orphan = await sys.post<ApiError>('/api/v1/agencies', {
        parentId: null,
        code: '000.09.09.H29',
        name: 'Xã mồ côi',
        level: 'commune',
      });
      assert.equal(orphan.status, 400);
      assert.equal(orphan.body.error.code, 'INVALID_AGENCY_LEVEL');
      const district = await prov.post<Agency>('/api/v1/agencies', {
        parentId: hcm.id,
        code: '000.00.31.H29',
        name: 'Ủy ban nhân dân Huyện Thử nghiệm',
        level: 'district',
      });
      assert.equal(district.status, 201);
      const under = await prov.post<Agency>('/api/v1/agencies', {
        parentId: district.body.id,
        code: '000.01.31.H29',
        name: 'Ủy ban nhân dân Xã Thử nghiệm',
        level: 'commune',
      });
      assert.equal(under.status, 201);
      const cycle = await prov.patch<ApiError>(`/api/v1/agencies/${district.body.id}`, {
        parentId: under.body.id,
      });
      assert.equal(cycle.status, 400);
      const demote = await prov.patch<ApiError>(`/api/v1/agencies/${district.body.id}`, { level: 'commune' });
      assert.equal(demote.status, 400);
      assert.equal(demote.body.error.code, 'INVALID_AGENCY_LEVEL');
    });

    it('edits an agency and keeps an audit trail', async () => {
      const list = await prov.get<{ items: Agency[] }>('/api/v1/agencies');
      const cangio = list.body.items.find((a) => a.code === '000.03.30.H29')!;
      const r = await prov.patch<Agency>(`/api/v1/agencies/${cangio.id}`, {
        phone: '028 3874 0000',
        officeHours: {
          sessions: [
            { start: '07:00', end: '11:00' },
            { start: '13:30', end: '17:00' },
          ],
        },
      });
      assert.equal(r.status, 200);
      assert.equal(r.body.officeHours.sessions[0]?.start, '07:00');
      const overlap = await prov.patch<ApiError>(`/api/v1/agencies/${cangio.id}`, {
        officeHours: {
          sessions: [
            { start: '07:00', end: '12:00' },
            { start: '11:00', end: '17:00' },
          ],
        },
      });
      assert.equal(overlap.status, 400);
      const { auditLog } = await import('../../src/server/db/schema');
      const { eq } = await import('drizzle-orm');
      const trail = await s.database.read((db) =>
        db.select().from(auditLog).where(eq(auditLog.entityId, cangio.id)),
      );
      assert.ok(trail.some((t) => t.action === 'agency.updated'));
    });

    it('hides an inactive agency from the public but not from its administrators', async () => {
      const created = await prov.post<Agency>('/api/v1/agencies', {
        parentId: hcm.id,
        code: '000.05.30.H29',
        name: 'Ủy ban nhân dân Xã Tạm ngưng',
        level: 'commune',
        active: false,
      });
      assert.equal(created.status, 201);
      const pub = await new Client(s.app).get<{ items: Agency[] }>('/api/v1/agencies');
      assert.ok(!pub.body.items.some((a) => a.id === created.body.id));
      assert.equal((await new Client(s.app).get(`/api/v1/agencies/${created.body.id}`)).status, 404);
      const adm = await prov.get<{ items: Agency[] }>('/api/v1/agencies');
      assert.ok(adm.body.items.some((a) => a.id === created.body.id));
    });

    it('creates a user who can then sign in and sees their agency', async () => {
      const list = await prov.get<{ items: Agency[] }>('/api/v1/agencies');
      const benthanh = list.body.items.find((a) => a.code === '000.02.30.H29')!;
      const r = await prov.post<User>('/api/v1/users', {
        username: 'chuyenvien.benthanh',
        fullName: 'Ngô Thị Hồng',
        password: 'bat-dau-2026',
        roles: ['specialist', 'leader'],
        agencyId: benthanh.id,
        email: 'hong@example.vn',
      });
      assert.equal(r.status, 201);
      assert.equal(r.body.agencyId, benthanh.id);
      const u = await new Client(s.app).login('chuyenvien.benthanh', 'bat-dau-2026');
      const me = await u.get<{ agency: { name: string } }>('/api/v1/auth/me');
      assert.equal(me.body.agency.name, 'Ủy ban nhân dân Phường Bến Thành');
      const dup = await prov.post<ApiError>('/api/v1/users', {
        username: 'chuyenvien.benthanh',
        fullName: 'Trùng',
        password: 'bat-dau-2026',
        roles: ['specialist'],
        agencyId: benthanh.id,
      });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, 'USERNAME_TAKEN');
    });

    it('requires an agency for staff and none for citizens', async () => {
      const staff = await sys.post<ApiError>('/api/v1/users', {
        username: 'canbo.khongcoquan',
        fullName: 'Cán bộ',
        password: 'bat-dau-2026',
        roles: ['reception'],
        agencyId: null,
      });
      assert.equal(staff.status, 400);
      assert.equal(staff.body.error.code, 'AGENCY_REQUIRED');
      const citizen = await sys.post<ApiError>('/api/v1/users', {
        username: 'congdan.coquan',
        fullName: 'Công dân',
        password: 'bat-dau-2026',
        roles: ['citizen'],
        agencyId: hcm.id,
      });
      assert.equal(citizen.status, 400);
      assert.equal(citizen.body.error.code, 'AGENCY_NOT_ALLOWED');
    });

    it('confines a commune administrator to the commune', async () => {
      const list = await prov.get<{ items: Agency[] }>('/api/v1/agencies');
      const saigon = list.body.items.find((a) => a.code === '000.01.30.H29')!;
      const benthanh = list.body.items.find((a) => a.code === '000.02.30.H29')!;
      const made = await prov.post('/api/v1/users', {
        username: 'quantri2.saigon',
        fullName: 'Quản trị Sài Gòn',
        password: 'bat-dau-2026',
        roles: ['admin'],
        agencyId: saigon.id,
      });
      assert.equal(made.status, 201);
      const local = await new Client(s.app).login('quantri2.saigon', 'bat-dau-2026');
      const users = await local.get<{ items: User[] }>('/api/v1/users');
      assert.ok(users.body.items.length > 0);
      assert.ok(users.body.items.every((u) => u.agencyId === saigon.id));
      const other = await local.post<ApiError>('/api/v1/users', {
        username: 'xam.nhap',
        fullName: 'Ngoài phạm vi',
        password: 'bat-dau-2026',
        roles: ['reception'],
        agencyId: benthanh.id,
      });
      assert.equal(other.status, 403);
      assert.equal(other.body.error.code, 'OUT_OF_SCOPE');
      const edit = await local.patch(`/api/v1/agencies/${benthanh.id}`, { name: 'Đổi tên' });
      assert.equal(edit.status, 404);
    });

    it('finds users by name without diacritics', async () => {
      const r = await prov.get<{ items: User[] }>(`/api/v1/users?q=${encodeURIComponent('nguyen thi lan')}`);
      assert.deepEqual(
        r.body.items.map((u) => u.username),
        ['tiepnhan'],
      );
    });

    it('forbids user and agency management to non-administrators', async () => {
      const officer = await new Client(s.app).login('lanhdao', DEMO_PASSWORD);
      const r = await officer.get<ApiError>('/api/v1/users');
      assert.equal(r.status, 403);
      assert.equal(r.body.error.code, 'FORBIDDEN');
      const anon = await new Client(s.app).post<ApiError>('/api/v1/agencies', {
        parentId: hcm.id,
        code: '000.06.30.H29',
        name: 'X',
        level: 'commune',
      });
      assert.equal(anon.status, 401);
    });

    it('locks a user out immediately when deactivated, and refuses to let admins lock themselves', async () => {
      const victim = await new Client(s.app).login('buudien', DEMO_PASSWORD);
      const me = await victim.get<{ id: string }>('/api/v1/auth/me');
      const r = await prov.patch<User>(`/api/v1/users/${me.body.id}`, { active: false });
      assert.equal(r.status, 200);
      assert.equal(r.body.active, false);
      assert.equal((await victim.get('/api/v1/auth/me')).status, 401);
      assert.equal(
        (await new Client(s.app).post('/api/v1/auth/login', { username: 'buudien', password: DEMO_PASSWORD }))
          .status,
        401,
      );
      const self = await prov.get<{ id: string }>('/api/v1/auth/me');
      const lock = await prov.patch<ApiError>(`/api/v1/users/${self.body.id}`, { active: false });
      assert.equal(lock.status, 400);
      assert.equal(lock.body.error.code, 'CANNOT_DEACTIVATE_SELF');
    });
  });
}
