import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DivisionList } from '../../src/domain/geo/division';
import { type ApiError, Client } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

// The division lists are static data, not database rows: one backend is enough.
describe('administrative divisions for address pickers', () => {
  let s: TestServer;
  let c: Client;
  before(async () => {
    s = await startTestServer('pglite');
    c = new Client(s.app);
  });
  after(() => s?.close());

  it('lists the 34 provinces of the two-level system with their full names', async () => {
    const r = await c.get<DivisionList>('/api/v1/divisions/provinces');
    assert.equal(r.status, 200);
    assert.equal(r.body.items.length, 34);
    const names = r.body.items.map((p) => p.name);
    assert.ok(names.includes('Thành phố Hồ Chí Minh'));
    assert.ok(names.includes('Tỉnh Cao Bằng'));
    assert.ok(names.includes('Thành phố Huế'));
    // Provinces abolished on 1 July 2025 are gone.
    assert.ok(!names.some((n) => /Bình Dương|Hà Giang|Kon Tum/.test(n)));
    assert.deepEqual(
      r.body.items.find((p) => p.code === '79'),
      { code: '79', name: 'Thành phố Hồ Chí Minh' },
    );
  });

  it('lists a province’s communes, wards and special zones, 3,321 in all', async () => {
    const provinces = (await c.get<DivisionList>('/api/v1/divisions/provinces')).body.items;
    let total = 0;
    for (const p of provinces) {
      total += (await c.get<DivisionList>(`/api/v1/divisions/provinces/${p.code}/communes`)).body.items
        .length;
    }
    assert.equal(total, 3321);
    const hcm = (await c.get<DivisionList>('/api/v1/divisions/provinces/79/communes')).body.items;
    assert.deepEqual(
      hcm.find((w) => w.name === 'Phường Sài Gòn'),
      { code: '26740', name: 'Phường Sài Gòn' },
    );
    assert.ok(hcm.some((w) => w.name === 'Đặc khu Côn Đảo'));
  });

  it('answers an unknown province code with 404 and a malformed one with 400', async () => {
    const missing = await c.get<ApiError>('/api/v1/divisions/provinces/99/communes');
    assert.equal(missing.status, 404);
    const bad = await c.get<ApiError>('/api/v1/divisions/provinces/HCM/communes');
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message + JSON.stringify(bad.body.error.details), /2 chữ số/);
  });
});
