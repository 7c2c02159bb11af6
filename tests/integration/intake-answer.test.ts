// The intake answers with the new dossier built from what it wrote, without reading it back (issue 17): that
// answer must be, to the byte (the order of keys included), the one the dossier read back gives at the same instant.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { requiredFor } from '../../src/domain/dossier/intake';
import { queryRows } from '../../src/server/db/database';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { authenticate } from '../../src/server/modules/auth/auth.service';
import { DossierView } from '../../src/server/modules/dossiers/dossiers.schema';
import { getDossier } from '../../src/server/modules/dossiers/read/view';
import { asJsonb } from '../../src/server/modules/dossiers/store';
import { Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

const applicant = {
  kind: 'citizen',
  fullName: 'Lê Thị Hoa',
  idNumber: '079190004321',
  phone: '0909765432',
  email: 'hoa@example.vn',
  address: '8 Nguyễn Huệ, Phường Sài Gòn',
};
/** Tờ khai cấp Giấy xác nhận tình trạng hôn nhân, filled: keys of many lengths, an object inside. */
const formData = {
  nguoiYeuCauHoTen: 'Lê Thị Hoa',
  quanHe: 'Bản thân',
  hoTen: 'Lê Thị Hoa',
  ngaySinh: '1990-08-15',
  gioiTinh: 'Nữ',
  danToc: 'Kinh',
  quocTich: 'Việt Nam',
  soDinhDanh: '079190004321',
  noiCuTru: {
    detail: '8 Nguyễn Huệ',
    provinceCode: '79',
    provinceName: 'Thành phố Hồ Chí Minh',
    communeCode: '26734',
    communeName: 'Phường Sài Gòn',
  },
  tinhTrangHonNhan: 'Chưa đăng ký kết hôn với ai',
  mucDich: 'Để đăng ký kết hôn',
};

for (const backend of BACKENDS) {
  describe(`the intake's answer on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    const components: Record<string, { name: string; received: boolean; originalSeen?: boolean }[]> = {};
    before(async () => {
      s = await startTestServer(backend, { MOTCUA_CLOCK_START: '2026-11-20T15:00:00+07:00' });
      const desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      for (const code of ['1.004873', '1.004194', '1.012818']) {
        const p = await desk.get<{
          components: { name: string; required: boolean; condition: string | null }[];
        }>(`/api/v1/procedures/${code}`);
        components[code] = p.body.components
          .filter((c) => requiredFor(c, 'counter'))
          .map((c) => ({ name: c.name, received: true, originalSeen: true }));
      }
    });
    after(() => s?.close());

    /** Posts the intake as `username`; returns the answer's text and the dossier read back, serialized alike. */
    const intake = async (username: string, body: Record<string, unknown>, status = 201) => {
      const who = await new Client(s.app).login(username, DEMO_PASSWORD);
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        payload: body,
        headers: { cookie: who.cookie! },
      });
      assert.equal(r.statusCode, status, r.body);
      if (status !== 201) return null;
      const id = (r.json() as { id: string }).id;
      const now = s.clock.now();
      const token = who.cookie!.split('=')[1]!;
      const back = await s.database.read(async (db) => {
        const auth = await authenticate(db, token, now);
        return getDossier(db, s.app.calendar, auth!.user, id, now);
      });
      assert.equal(r.body, JSON.stringify(z.encode(DossierView, back)));
      return { who, id, text: r.body };
    };
    /** Staff also read it through the API: the same text. */
    const sameAsGet = async (x: { who: Client; id: string; text: string } | null) => {
      const g = await s.app.inject({ url: `/api/v1/dossiers/${x!.id}`, headers: { cookie: x!.who.cookie! } });
      assert.equal(g.statusCode, 200, g.body);
      assert.equal(g.body, x!.text);
    };

    it('accepted at the counter, with a filled form and an e-mail to write to', async () => {
      const x = await intake('tiepnhan', {
        procedureCode: '1.004873',
        channel: 'counter',
        decision: 'accept',
        applicant,
        formData,
        components: components['1.004873'],
        note: 'Đã kiểm tra bản chính',
      });
      await sameAsGet(x);
    });

    it('accepted at the counter for a procedure decided upwards (liên thông: step agencies of the tree)', async () => {
      await sameAsGet(
        await intake('tiepnhan', {
          procedureCode: '1.012818',
          applicant,
          components: components['1.012818'],
        }),
      );
    });

    it('a supplement request and a refusal at the counter', async () => {
      await sameAsGet(
        await intake('tiepnhan', {
          procedureCode: '1.004194',
          applicant,
          components: components['1.004194']!.slice(1),
          decision: 'supplement',
          supplement: {
            items: ['Tờ khai thay đổi thông tin cư trú (Mẫu CT01)'],
            reason: 'Hồ sơ thiếu tờ khai',
          },
        }),
      );
      await sameAsGet(
        await intake('tiepnhan', {
          procedureCode: '1.004194',
          applicant: { kind: 'citizen', fullName: 'Trần Văn Bình', idNumber: '079190000999' },
          components: components['1.004194'],
          decision: 'refuse',
          refusal: { reason: 'Địa chỉ tạm trú không thuộc thẩm quyền' },
        }),
      );
    });

    it('online by the citizen, and handed over by the post office on someone’s behalf', async () => {
      await intake('congdan', {
        procedureCode: '1.004873',
        channel: 'online',
        agencyCode: '000.01.30.H29',
        applicant,
        formData,
      });
      await sameAsGet(
        await intake('buudien', {
          procedureCode: '1.004873',
          channel: 'postal',
          applicant,
          submitter: { kind: 'postal', fullName: 'Võ Văn Tâm', organisation: 'Bưu cục Sài Gòn' },
        }),
      );
    });

    it('orders keys as jsonb does (lengths in UTF-8 bytes, then bytes; integer-like keys, accents, emoji)', async () => {
      const letters = ['a', 'b', 'Z', '1', '9', '0', '_', 'ệ', 'Đ', '😀', ' ', '~', 'ß', 'ÿ', 'A'];
      let seed = 17;
      const pick = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return letters[seed % letters.length]!;
      };
      const word = (n: number) => Array.from({ length: n }, pick).join('');
      for (let t = 0; t < 50; t++) {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < 8; i++) o[word(1 + (i % 4))] = { [word(2)]: i, [word(3)]: [i, { [word(1)]: 1 }] };
        const [back] = await s.database.read((db) =>
          queryRows<{ j: unknown }>(db, sql`select ${JSON.stringify(o)}::jsonb as j`),
        );
        assert.equal(JSON.stringify(asJsonb(o)), JSON.stringify(back!.j));
      }
    });

    it('refusals before anything is written are the same as before', async () => {
      await intake('tiepnhan', { procedureCode: '9.999999', applicant, components: [] }, 400);
    });
  });
}
