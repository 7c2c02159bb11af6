import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { requiredFor } from '../../src/domain/dossier/intake';
import type { ManualClock } from '../../src/server/clock';
import { readCatalogueSeed } from '../../src/server/db/seed/catalogue';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

/** Issue 25, items 7, 9 and 12: what the desk's commands accept and record. */

interface View {
  id: string;
  status: { code: number; name: string };
  events: { type: string; data: Record<string, unknown> }[];
}
type Component = { name: string; required: boolean; condition: string | null };

const applicant = {
  kind: 'citizen',
  fullName: 'Lý Thị Hạnh',
  idNumber: '079190004567',
  phone: '0912000111',
  address: '5 Nguyễn Huệ, Phường Sài Gòn',
};

describe('the seeded catalogue', () => {
  it('requires the declaration form (tờ khai) of every procedure handed in at the counter', () => {
    const seed = readCatalogueSeed();
    assert.ok(seed);
    const optional = seed.procedures.flatMap((p) =>
      p.components
        // A paper declaration for the counter; the online-only ones are filled on the portal's e-form.
        .filter((c) => /^Tờ khai .*theo mẫu/.test(c.name) && p.channels.includes('counter'))
        .filter((c) => !requiredFor(c, 'counter'))
        .map((c) => `${p.code}: ${c.name}`),
    );
    assert.deepEqual(optional, []);
  });
});

for (const backend of BACKENDS) {
  describe(`desk commands on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let desk: Client;
    let specialist: Client;
    let leader: Client;
    const setNow = (iso: string) => (s.clock as ManualClock).set(new Date(iso));
    const componentsOf = async (code: string) =>
      (await desk.get<{ components: Component[] }>(`/api/v1/procedures/${code}`)).body.components;
    const receive = async (code: string) => {
      const r = await desk.post<View>('/api/v1/dossiers', {
        procedureCode: code,
        applicant,
        components: (await componentsOf(code))
          .filter((c) => requiredFor(c, 'counter'))
          .map((c) => ({ name: c.name, received: true })),
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id;
    };
    const command = (c: Client, id: string, body: Record<string, unknown>) =>
      c.post<View & ApiError>(`/api/v1/dossiers/${id}/commands`, body);
    const ok = async (c: Client, id: string, body: Record<string, unknown>) => {
      const r = await command(c, id, body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    /** Received, appraised and approved: waiting at the desk to be returned. */
    const resultReady = async (code: string) => {
      const id = await receive(code);
      await ok(desk, id, { action: 'forward' });
      await ok(specialist, id, { action: 'claim' });
      await ok(specialist, id, { action: 'forward', note: 'Đủ điều kiện' });
      await ok(leader, id, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' });
      return id;
    };

    before(async () => {
      // Monday 23 November 2026, 09:00.
      s = await startTestServer(backend, {
        MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00',
        MOTCUA_SESSION_HOURS: '720',
      });
      desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      specialist = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
      leader = await new Client(s.app).login('lanhdao', DEMO_PASSWORD);
    });
    after(() => s?.close());

    for (const [code, what, missing] of [
      ['1.001193', 'a birth registration', ['Tờ khai đăng ký khai sinh theo mẫu', 'Giấy chứng sinh']],
      [
        '1.004873',
        'a marital-status certificate',
        ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu'],
      ],
    ] as const) {
      it(`refuses to accept ${what} handed in with no document at all, naming what is missing`, async () => {
        const r = await desk.post<ApiError>('/api/v1/dossiers', {
          procedureCode: code,
          applicant,
          components: (await componentsOf(code)).map((c) => ({ name: c.name, received: false })),
        });
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.equal(r.body.error.code, 'COMPONENTS_MISSING');
        const named = r.body.error.details as string[];
        for (const m of missing)
          assert.ok(
            named.some((n) => n.startsWith(m)),
            `${m} is named: ${named}`,
          );
      });
    }

    it('records which requested documents a supplement brought, and refuses one with nothing ticked', async () => {
      setNow('2026-11-23T09:00:00+07:00');
      const id = await receive('1.004194');
      await ok(desk, id, { action: 'forward' });
      const items = ['Hợp đồng thuê nhà còn hiệu lực (bản sao có chứng thực)', 'Giấy xác nhận của chủ nhà'];
      await ok(specialist, id, { action: 'request-supplement', items, reason: 'Hợp đồng thuê nhà hết hạn' });
      setNow('2026-11-25T10:00:00+07:00');

      const nothing = await command(desk, id, { action: 'receive-supplement', note: 'Đã nhận' });
      assert.equal(nothing.status, 422, JSON.stringify(nothing.body));
      assert.equal(nothing.body.error.code, 'SUPPLEMENT_COMPONENTS_REQUIRED');
      const stranger = await command(desk, id, { action: 'receive-supplement', components: ['Sổ hộ khẩu'] });
      assert.equal(stranger.status, 422, JSON.stringify(stranger.body));
      assert.equal(stranger.body.error.code, 'SUPPLEMENT_COMPONENT_NOT_REQUESTED');

      const v = await ok(desk, id, {
        action: 'receive-supplement',
        components: [items[0]],
        note: 'Chủ nhà gửi xác nhận sau',
      });
      assert.equal(v.status.code, 4);
      const received = v.events.find((e) => e.type === 'supplement-received');
      assert.deepEqual(received?.data.components, [items[0]]);
      assert.equal(received?.data.note, 'Chủ nhà gửi xác nhận sau');
    });

    it('returns a result at the counter before the appointment without an early-return notice', async () => {
      setNow('2026-11-23T09:00:00+07:00');
      const id = await resultReady('1.004194');
      // The appointment is Thursday 26/11; the applicant came on Tuesday and is at the counter.
      setNow('2026-11-24T10:00:00+07:00');
      const v = await ok(desk, id, { action: 'return', method: 'counter', receiver: applicant.fullName });
      assert.equal(v.status.code, 10);
    });

    it('asks for the early-return notice when a result goes by post before the appointment day', async () => {
      setNow('2026-11-23T09:00:00+07:00');
      const id = await resultReady('1.004194');
      setNow('2026-11-24T10:00:00+07:00');
      const postal = { trackingCode: 'EL123456789VN', address: applicant.address, courier: 'Lê Văn Phát' };
      const silent = await command(desk, id, { action: 'return', method: 'post', postal });
      assert.equal(silent.status, 409, JSON.stringify(silent.body));
      assert.equal(silent.body.error.code, 'EARLY_NOTICE_REQUIRED');
      await ok(desk, id, { action: 'return', method: 'post', postal, earlyNotice: 'Đã gọi điện lúc 09:30' });
    });

    it('returns a same-day result by post on the appointment day without a notice', async () => {
      setNow('2026-11-23T08:00:00+07:00');
      const id = await resultReady('1.001193');
      setNow('2026-11-23T08:30:00+07:00');
      const postal = { trackingCode: 'EL123456780VN', address: applicant.address, courier: 'Lê Văn Phát' };
      await ok(desk, id, { action: 'return', method: 'post', postal });
    });
  });
}
