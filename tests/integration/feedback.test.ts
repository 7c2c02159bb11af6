import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { requiredFor } from '../../src/domain/dossier/intake';
import { feedback, outbox } from '../../src/server/db/schema';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { type ApiError, Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

const applicant = {
  kind: 'citizen',
  fullName: 'Trương Văn Bình',
  idNumber: '079085001234',
  phone: '0909123456',
  address: '12 Lê Lợi, Phường Sài Gòn',
};
const scores = { access: 5, procedure: 4, officers: 5, result: 5, feedback: 4 };

interface RatingState {
  canRate: boolean;
  rated: boolean;
  reason: string | null;
  rating: { scores: typeof scores; comment: string | null; channel: string } | null;
}
interface Item {
  id: string;
  code: string;
  status: string;
  authorName: string;
  contact: { phone: string | null; email: string | null } | null;
  answer: string | null;
  answeredBy: string | null;
  published: boolean;
  procedure: { code: string } | null;
  agency: { code: string };
}

for (const backend of BACKENDS) {
  describe(`ratings and feedback on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let desk: Client;
    let specialist: Client;
    let leader: Client;
    let otherDesk: Client;
    let anyone: Client;

    const ok = async (c: Client, id: string, body: Record<string, unknown>) => {
      const r = await c.post<ApiError>(`/api/v1/dossiers/${id}/commands`, body);
      assert.equal(r.status, 200, `${body.action}: ${JSON.stringify(r.body)}`);
    };
    const components = async (code: string) =>
      (
        await desk.get<{ components: { name: string; required: boolean; condition: string | null }[] }>(
          `/api/v1/procedures/${code}`,
        )
      ).body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true }));
    /** Received at the Sài Gòn counter, processed and approved; returned too unless `keep`. */
    const finished = async (opts: { returned: boolean; phone?: string | null }) => {
      const a = { ...applicant } as Record<string, unknown>;
      if (opts.phone === null) delete a.phone;
      else if (opts.phone) a.phone = opts.phone;
      const r = await desk.post<{ id: string; code: string } & ApiError>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        applicant: a,
        components: await components('1.004194'),
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const id = r.body.id;
      await ok(desk, id, { action: 'forward' });
      await ok(specialist, id, { action: 'claim' });
      await ok(specialist, id, { action: 'forward' });
      await ok(leader, id, { action: 'decide', outcome: 'approved' });
      if (opts.returned) {
        await ok(desk, id, {
          action: 'return',
          method: 'counter',
          receiver: 'Trương Văn Bình',
          earlyNotice: 'Đã gọi điện báo người nộp',
        });
      }
      return r.body;
    };

    before(async () => {
      s = await startTestServer(backend, { MOTCUA_CLOCK_START: '2026-11-23T09:00:00+07:00' });
      desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      specialist = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
      leader = await new Client(s.app).login('lanhdao', DEMO_PASSWORD);
      otherDesk = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      anyone = new Client(s.app);
    });
    after(() => s?.close());

    it('rates at the kiosk only after the result is returned, with the phone’s last four digits, once', async () => {
      const pending = await finished({ returned: false });
      const early = await anyone.post<ApiError>(`/api/v1/public/dossiers/${pending.code}/rating`, {
        scores,
        phoneLast4: '3456',
      });
      assert.equal(early.status, 409);
      assert.equal(early.body.error.code, 'NOT_RETURNED');

      const d = await finished({ returned: true });
      const before = await anyone.get<RatingState>(`/api/v1/public/dossiers/${d.code}/rating`);
      assert.deepEqual([before.body.canRate, before.body.rated], [true, false]);
      const wrong = await anyone.post<ApiError>(`/api/v1/public/dossiers/${d.code}/rating`, {
        scores,
        phoneLast4: '0000',
      });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.error.code, 'PHONE_MISMATCH');
      const outOfRange = await anyone.post<ApiError>(`/api/v1/public/dossiers/${d.code}/rating`, {
        scores: { ...scores, result: 6 },
        phoneLast4: '3456',
      });
      assert.equal(outOfRange.status, 400);
      const missing = await anyone.post<ApiError>(`/api/v1/public/dossiers/${d.code}/rating`, {
        scores: { access: 5 },
        phoneLast4: '3456',
      });
      assert.equal(missing.status, 400);

      const rated = await anyone.post<RatingState>(`/api/v1/public/dossiers/${d.code}/rating`, {
        scores,
        comment: 'Cán bộ hướng dẫn tận tình',
        phoneLast4: '3456',
      });
      assert.equal(rated.status, 201, JSON.stringify(rated.body));
      assert.deepEqual([rated.body.canRate, rated.body.rated, rated.body.rating], [false, true, null]);
      const again = await anyone.post<ApiError>(`/api/v1/public/dossiers/${d.code}/rating`, {
        scores,
        phoneLast4: '3456',
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'ALREADY_RATED');

      const seen = await desk.get<RatingState>(`/api/v1/dossiers/${d.id}/rating`);
      assert.deepEqual(seen.body.rating?.scores, scores);
      assert.equal(seen.body.rating?.channel, 'kiosk');
      const summary = await leader.get<{ count: number; averages: Record<string, number> }>(
        '/api/v1/ratings/summary?from=2026-11-01&to=2026-11-30',
      );
      assert.equal(summary.body.count, 1);
      assert.equal(summary.body.averages.procedure, 4);
      const elsewhere = await otherDesk.get<{ count: number }>(
        '/api/v1/ratings/summary?from=2026-11-01&to=2026-11-30',
      );
      assert.equal(elsewhere.body.count, 0, 'another ward does not count Sài Gòn’s ratings');
    });

    it('locks kiosk guessing after five wrong phone digits', async () => {
      const d = await finished({ returned: true });
      for (let i = 0; i < 5; i++) {
        const r = await anyone.post(`/api/v1/public/dossiers/${d.code}/rating`, {
          scores,
          phoneLast4: `100${i}`,
        });
        assert.equal(r.status, 403);
      }
      const locked = await anyone.post<ApiError>(`/api/v1/public/dossiers/${d.code}/rating`, {
        scores,
        phoneLast4: '3456',
      });
      assert.equal(locked.status, 429);
      assert.equal(locked.body.error.code, 'TOO_MANY_ATTEMPTS');
    });

    it('lets the applicant who submitted online rate with their account, and no one else', async () => {
      const citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      const sub = await citizen.post<{ id: string } & ApiError>('/api/v1/dossiers', {
        procedureCode: '1.010038',
        channel: 'online',
        // Tách hộ's papers differ by case (decision 0014, "Cases"): the household head agrees.
        case: 'Tách hộ để đăng ký thường trú tại cùng một chỗ ở hợp pháp, có ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở',
        agencyCode: '000.01.30.H29',
        applicant: { ...applicant, fullName: 'Đặng Thị Mai', phone: '0912345678' },
      });
      assert.equal(sub.status, 201, JSON.stringify(sub.body));
      const id = sub.body.id;
      const tooEarly = await citizen.post<ApiError>(`/api/v1/dossiers/${id}/rating`, { scores });
      assert.equal(tooEarly.status, 409);
      await ok(desk, id, { action: 'accept' });
      await ok(desk, id, { action: 'forward' });
      await ok(specialist, id, { action: 'claim' });
      await ok(specialist, id, { action: 'forward' });
      await ok(leader, id, { action: 'decide', outcome: 'approved' });
      await ok(desk, id, { action: 'return', method: 'online', earlyNotice: 'Đã nhắn tin báo người nộp' });

      const staff = await desk.post<ApiError>(`/api/v1/dossiers/${id}/rating`, { scores });
      assert.equal(staff.status, 403, 'officers do not rate their own service');
      const mine = await citizen.post<RatingState>(`/api/v1/dossiers/${id}/rating`, { scores, comment: '' });
      assert.equal(mine.status, 201, JSON.stringify(mine.body));
      assert.deepEqual(mine.body.rating?.scores, scores);
      assert.equal(mine.body.rating?.channel, 'portal');
      assert.equal(mine.body.rating?.comment, null);
      const twice = await citizen.post<ApiError>(`/api/v1/dossiers/${id}/rating`, { scores });
      assert.equal(twice.status, 409);

      const d = await finished({ returned: true });
      const notMine = await citizen.post<ApiError>(`/api/v1/dossiers/${d.id}/rating`, { scores });
      assert.equal(notMine.status, 404);
    });

    it('receives feedback with a code, lets the desk answer and publish it, and lists it publicly without contact', async () => {
      const noContact = await anyone.post<ApiError>('/api/v1/feedback', {
        kind: 'complaint',
        agencyCode: '000.01.30.H29',
        procedureCode: '1.004194',
        authorName: 'Lê Văn Tư',
        title: 'Thời gian chờ lâu',
        content: 'Tôi phải chờ hơn một giờ tại quầy mới được tiếp nhận hồ sơ.',
      });
      assert.equal(noContact.status, 400);
      assert.equal(noContact.body.error.code, 'CONTACT_REQUIRED');
      const noSubject = await anyone.post<ApiError>('/api/v1/feedback', {
        kind: 'complaint',
        agencyCode: '000.01.30.H29',
        authorName: 'Lê Văn Tư',
        phone: '0908111222',
        title: 'Thời gian chờ lâu',
        content: 'Tôi phải chờ hơn một giờ tại quầy mới được tiếp nhận hồ sơ.',
      });
      assert.equal(noSubject.status, 400);
      const noAgency = await anyone.post<ApiError>('/api/v1/feedback', {
        kind: 'complaint',
        procedureCode: '1.004194',
        authorName: 'Lê Văn Tư',
        phone: '0908111222',
        title: 'Thời gian chờ lâu',
        content: 'Tôi phải chờ hơn một giờ tại quầy mới được tiếp nhận hồ sơ.',
      });
      assert.equal(noAgency.status, 400);
      assert.equal(noAgency.body.error.code, 'AGENCY_REQUIRED');

      const sent = await anyone.post<{ code: string; agency: string }>('/api/v1/feedback', {
        kind: 'recommendation',
        agencyCode: '000.01.30.H29',
        procedureCode: '1.004194',
        authorName: 'Lê Văn Tư',
        phone: '0908111222',
        title: 'Cho phép nộp lệ phí bằng mã QR',
        content: 'Đề nghị phường cho nộp lệ phí đăng ký tạm trú bằng chuyển khoản quét mã QR.',
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      assert.match(sent.body.code, /^PAKN-261123-[2-9A-HJKMNP-Z]{5}$/);
      assert.equal(sent.body.agency, 'Ủy ban nhân dân Phường Sài Gòn');

      const d = await finished({ returned: false });
      const aboutDossier = await anyone.post<{ code: string }>('/api/v1/feedback', {
        kind: 'complaint',
        dossierCode: d.code,
        authorName: 'Trương Văn Bình',
        email: 'binh@example.vn',
        title: 'Chưa được báo kết quả',
        content: 'Hồ sơ đã quá hẹn mà tôi chưa nhận được thông báo trả kết quả.',
      });
      assert.equal(aboutDossier.status, 201);

      const list = await desk.get<{ items: Item[]; total: number }>('/api/v1/feedback?status=new');
      assert.equal(list.body.total, 2);
      const item = list.body.items.find((i) => i.code === sent.body.code)!;
      assert.deepEqual(item.contact, { phone: '0908111222', email: null });
      assert.equal(item.procedure?.code, '1.004194');
      const search = await desk.get<{ items: Item[] }>(`/api/v1/feedback?q=${encodeURIComponent('mã QR')}`);
      assert.deepEqual(
        search.body.items.map((i) => i.code),
        [sent.body.code],
      );
      const elsewhere = await otherDesk.get<{ total: number }>('/api/v1/feedback');
      assert.equal(elsewhere.body.total, 0);
      const steal = await otherDesk.post<ApiError>(`/api/v1/feedback/${item.id}/answer`, {
        answer: 'Không thuộc thẩm quyền của phường Bến Thành.',
      });
      assert.equal(steal.status, 404);

      const early = await desk.post<ApiError>(`/api/v1/feedback/${item.id}/publish`, { published: true });
      assert.equal(early.status, 409);
      assert.equal(early.body.error.code, 'NOT_ANSWERED');
      const answered = await desk.post<Item>(`/api/v1/feedback/${item.id}/answer`, {
        answer: 'Từ tháng 12/2026 phường nhận lệ phí qua mã VietQR in trên phiếu hẹn.',
      });
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      assert.deepEqual([answered.body.status, answered.body.answeredBy], ['answered', 'Nguyễn Thị Lan']);
      const told = await s.database.read((db) =>
        db.select().from(outbox).where(eq(outbox.topic, 'feedback-answered')),
      );
      assert.equal(told.length, 1);
      assert.equal(told[0]!.recipient.phone, '0908111222');

      let pub = await anyone.get<{ items: Item[]; total: number }>('/api/v1/public/feedback');
      assert.equal(pub.body.total, 0, 'answered but not yet published');
      const published = await desk.post<Item>(`/api/v1/feedback/${item.id}/publish`, { published: true });
      assert.equal(published.body.status, 'published');
      pub = await anyone.get<{ items: Item[]; total: number }>(
        '/api/v1/public/feedback?procedureCode=1.004194',
      );
      assert.equal(pub.body.total, 1);
      const shown = pub.body.items[0]!;
      assert.equal(shown.contact, null);
      assert.notEqual(shown.authorName, 'Lê Văn Tư');
      assert.match(shown.answer ?? '', /VietQR/);
      const other = await anyone.get<{ total: number }>('/api/v1/public/feedback?agencyCode=000.02.30.H29');
      assert.equal(other.body.total, 0);

      const edit = await desk.post<ApiError>(`/api/v1/feedback/${item.id}/answer`, {
        answer: 'Sửa câu trả lời đã đăng.',
      });
      assert.equal(edit.status, 409);
      const mine = await anyone.get<Item>(`/api/v1/public/feedback/${sent.body.code.toLowerCase()}`);
      assert.equal(mine.body.status, 'published');
    });

    it('fills a signed-in citizen’s name and contact, and refuses an unknown dossier code without writing', async () => {
      const citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      const r = await citizen.post<{ code: string }>('/api/v1/feedback', {
        kind: 'complaint',
        agencyCode: '000.02.30.H29',
        procedureCode: '1.004194',
        title: 'Biểu mẫu khó hiểu',
        content: 'Tờ khai CT01 có nhiều mục khó hiểu với người cao tuổi.',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const row = await s.database.read(
        async (db) => (await db.select().from(feedback).where(eq(feedback.code, r.body.code)))[0]!,
      );
      assert.equal(row.authorName, 'Đặng Thị Mai');
      assert.equal(row.contact.phone, '0912345678');
      const countBefore = await s.database.read(async (db) => (await db.select().from(feedback)).length);
      const bad = await anyone.post<ApiError>('/api/v1/feedback', {
        kind: 'complaint',
        dossierCode: '000.01.30.H29-261123-9999',
        authorName: 'Lê Văn Tư',
        phone: '0908111222',
        title: 'Hồ sơ không tồn tại',
        content: 'Thử gửi với một mã hồ sơ không có thật.',
      });
      assert.equal(bad.status, 404);
      assert.equal(bad.body.error.code, 'DOSSIER_NOT_FOUND');
      assert.equal(
        await s.database.read(async (db) => (await db.select().from(feedback)).length),
        countBefore,
      );
    });
  });
}
