import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { missingComponents } from '../../src/domain/dossier/intake';
import { readCatalogueSeed, readEformSeed } from '../../src/server/db/seed/catalogue';
import { Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface Summary {
  code: string;
  name: string;
  processingTimeText: string;
}

describe('catalogue seed file', () => {
  it('holds real procedures with a national code, a source and at least one channel each', () => {
    const seed = readCatalogueSeed();
    assert.ok(seed, 'seed file present');
    assert.ok(seed.procedures.length >= 40);
    assert.ok(seed.procedures.filter((p) => p.level === 'province').length >= 10);
    assert.ok(
      seed.procedures.filter((p) => p.level === 'commune').length >= 40,
      'at least 40 commune-level procedures',
    );
    assert.ok(seed.procedures.some((p) => p.interconnected !== null));
    const codes = new Set(seed.procedures.map((p) => p.code));
    assert.equal(codes.size, seed.procedures.length, 'codes are unique');
    for (const p of seed.procedures) assert.match(p.source.url, /^https:\/\//, p.code);
  });

  it('gives at least 6 commune-level procedures the e-form of their real declaration form', () => {
    const seed = readCatalogueSeed()!;
    const eforms = readEformSeed();
    const commune = new Set(seed.procedures.filter((p) => p.level === 'commune').map((p) => p.code));
    assert.ok([...eforms.keys()].filter((c) => commune.has(c)).length >= 6);
    for (const code of ['1.001193', '1.000656', '1.000894', '1.004873', '1.004222']) {
      assert.ok((eforms.get(code)?.length ?? 0) > 0, code);
    }
    for (const [code, fields] of eforms) {
      assert.ok(commune.has(code), `${code} is a seeded commune procedure`);
      assert.equal(new Set(fields.map((f) => f.key)).size, fields.length, `${code}: unique keys`);
    }
  });

  it('asks at the counter for every paper of a certified copy (2.000815) and a signature certification (2.000884)', () => {
    // Their conditions say how the papers are shown ("Xuất trình"), not whether: none may be left unticked.
    const seed = readCatalogueSeed()!;
    for (const code of ['2.000815', '2.000884']) {
      const p = seed.procedures.find((x) => x.code === code)!;
      assert.deepEqual(
        missingComponents(p, () => false, 'counter').map((c) => c.name),
        p.components.map((c) => c.name),
        code,
      );
    }
  });

  it('asks for the stamped return envelope of a copy from the original register (2.000908) only by post', () => {
    const p = readCatalogueSeed()!.procedures.find((x) => x.code === '2.000908')!;
    const envelope = p.components.find((c) => c.name.startsWith('01 phong bì dán tem'))!;
    const needed = (channel: 'counter' | 'online' | 'postal') =>
      missingComponents(p, () => false, channel).some((c) => c === envelope);
    assert.deepEqual(
      { counter: needed('counter'), online: needed('online'), postal: needed('postal') },
      { counter: false, online: false, postal: true },
    );
  });
});

for (const backend of BACKENDS) {
  describe(`seeded catalogue on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let pub: Client;
    before(async () => {
      s = await startTestServer(backend);
      pub = new Client(s.app);
    });
    after(() => s?.close());

    it('finds "Xác nhận tình trạng hôn nhân" typed without diacritics', async () => {
      const r = await pub.get<{ items: Summary[] }>(
        `/api/v1/procedures?q=${encodeURIComponent('xac nhan tinh trang hon nhan')}`,
      );
      assert.equal(r.body.items[0]?.code, '1.004873');
      assert.equal(r.body.items[0]?.name, 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân');
    });

    it('shows birth registration as a same-day procedure with its components and source', async () => {
      const r = await pub.get<{ processingTimeText: string; components: unknown[]; source: { url: string } }>(
        '/api/v1/procedures/1.001193',
      );
      assert.equal(r.status, 200);
      assert.equal(r.body.processingTimeText, 'Trong ngày');
      assert.ok(r.body.components.length > 0);
      assert.match(r.body.source.url, /dichvucong\.gov\.vn/);
    });

    it("serves birth registration with its e-form, the parents' residence as an address", async () => {
      const r = await pub.get<{ eform: { key: string; type: string; required: boolean }[] }>(
        '/api/v1/procedures/1.001193',
      );
      assert.equal(r.body.eform.find((f) => f.key === 'hoTen')?.required, true);
      assert.equal(r.body.eform.find((f) => f.key === 'meNoiCuTru')?.type, 'address');
    });

    it('lets the demo communes implement the commune-level procedures', async () => {
      const agencies = await pub.get<{ items: { id: string; code: string }[] }>('/api/v1/agencies');
      const saigon = agencies.body.items.find((a) => a.code === '000.01.30.H29')!;
      const r = await pub.get<{ total: number }>(`/api/v1/procedures?agency=${saigon.id}&pageSize=100`);
      const seed = readCatalogueSeed()!;
      assert.equal(r.body.total, seed.procedures.filter((p) => p.level === 'commune').length);
    });
  });
}
