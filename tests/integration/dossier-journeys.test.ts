import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { foldVietnamese } from '../../src/domain/catalogue/search';
import { requiredFor } from '../../src/domain/dossier/intake';
import type { ManualClock } from '../../src/server/clock';
import { queryRows } from '../../src/server/db/database';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { localDate } from '../../src/server/time';
import { pdfFile } from '../support/files';
import { type ApiError, Client } from '../support/http';
import { multipart } from '../support/multipart';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface View {
  id: string;
  code: string | null;
  status: { code: number; name: string };
  acceptedAt: string | null;
  dueAt: string | null;
  appointmentAt: string | null;
  endedAt: string | null;
  timeliness: string | null;
  urgency: string | null;
  paused: boolean;
  remainingMinutes: number | null;
  workflow: { current: string | null; steps: { key: string; agencyName: string }[] };
  currentAgency: { name: string } | null;
  assignee: { name: string } | null;
  actions: string[];
  events: { type: string; actor: string | null; data: Record<string, unknown> }[];
}

const applicant = {
  kind: 'citizen',
  fullName: 'Trương Văn Bình',
  idNumber: '079085001234',
  phone: '0909123456',
  address: '12 Lê Lợi, Phường Sài Gòn',
};

const at = (iso: string) => new Date(iso);

for (const backend of BACKENDS) {
  describe(`dossier journeys on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let desk: Client;
    let specialist: Client;
    let leader: Client;
    let tamTru: { name: string; received: boolean }[];
    const clock = () => s.clock as ManualClock;
    const setNow = (iso: string) => clock().set(at(iso));

    const receive = async (
      procedureCode: string,
      components = tamTru,
      extra: Record<string, unknown> = {},
    ) => {
      const r = await desk.post<View>('/api/v1/dossiers', { procedureCode, applicant, components, ...extra });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    const command = (c: Client, id: string, body: Record<string, unknown>) =>
      c.post<View & ApiError>(`/api/v1/dossiers/${id}/commands`, body);
    const ok = async (c: Client, id: string, body: Record<string, unknown>) => {
      const r = await command(c, id, body);
      assert.equal(r.status, 200, `${body.action}: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    /** Reception hands over, the specialist appraises, the leader approves. */
    const processToResult = async (id: string, decideAt: string) => {
      await ok(desk, id, { action: 'forward' });
      await ok(specialist, id, { action: 'claim' });
      await ok(specialist, id, { action: 'forward', note: 'Đủ điều kiện, trình lãnh đạo' });
      setNow(decideAt);
      return ok(leader, id, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' });
    };

    before(async () => {
      s = await startTestServer(backend, {
        MOTCUA_CLOCK_START: '2026-11-20T15:00:00+07:00',
        MOTCUA_SESSION_HOURS: '720', // the journeys span three weeks of the manual clock
      });
      desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      specialist = await new Client(s.app).login('chuyenvien', DEMO_PASSWORD);
      leader = await new Client(s.app).login('lanhdao', DEMO_PASSWORD);
      const p = await desk.get<{
        components: { name: string; required: boolean; condition: string | null }[];
      }>('/api/v1/procedures/1.004194');
      tamTru = p.body.components
        .filter((c) => requiredFor(c, 'counter'))
        .map((c) => ({ name: c.name, received: true }));
    });
    after(() => s?.close());

    it('accepts on a Friday afternoon before the holiday, finishes early, and returns only after telling the applicant', async () => {
      setNow('2026-11-20T15:00:00+07:00');
      const d = await receive('1.004194');
      // 3 working days from Friday 15:00: the weekend and Vietnam Culture Day (Tue 24/11) are skipped.
      assert.equal(d.dueAt, '2026-11-26T15:00:00+07:00');
      assert.deepEqual(
        d.actions.sort(),
        ['apologize', 'forward', 'request-financial', 'request-supplement', 'withdraw'].sort(),
      );
      const result = await processToResult(d.id, '2026-11-23T10:00:00+07:00');
      assert.deepEqual(result.status, { code: 9, name: 'Đã xử lý xong' });
      assert.equal(result.timeliness, 'early');
      assert.equal(result.workflow.current, 'tra-ket-qua');

      setNow('2026-11-25T08:00:00+07:00');
      // Delivered at home before the appointment day: the applicant, not at the counter, is told first
      // (at the counter nothing is owed: the applicant is there — issue 25 item 12).
      const early = await command(desk, d.id, {
        action: 'return',
        method: 'home',
        receiver: 'Trương Văn Bình',
      });
      assert.equal(early.status, 409);
      assert.equal(early.body.error.code, 'EARLY_NOTICE_REQUIRED');
      const returned = await ok(desk, d.id, {
        action: 'return',
        method: 'home',
        receiver: 'Trương Văn Bình',
        receiverIdNumber: '079085001234',
        earlyNotice: 'Đã gọi điện thoại báo cho ông Bình lúc 16:00 ngày 23/11',
      });
      assert.equal(returned.status.code, 10);
      assert.deepEqual(
        returned.events.map((e) => e.type),
        ['submitted', 'accepted', 'routed', 'claimed', 'routed', 'decided', 'result-ready', 'returned'],
      );
      const track = await new Client(s.app).get<{ status: { code: number }; timeliness: string }>(
        `/api/v1/public/dossiers/${d.code}`,
      );
      assert.equal(track.body.status.code, 10);
      assert.equal(track.body.timeliness, 'early');
    });

    it('pauses the clock while waiting for supplements and restarts the legal time when they arrive', async () => {
      setNow('2026-11-23T09:00:00+07:00');
      const d = await receive('1.004194');
      assert.equal(d.dueAt, '2026-11-27T09:00:00+07:00');
      await ok(desk, d.id, { action: 'forward' });
      setNow('2026-11-25T10:00:00+07:00');
      const waiting = await ok(specialist, d.id, {
        action: 'request-supplement',
        items: ['Giấy tờ chứng minh chỗ ở hợp pháp (bản sao có chứng thực)'],
        reason: 'Hợp đồng thuê nhà đã hết hạn',
      });
      assert.deepEqual(waiting.status, { code: 5, name: 'Yêu cầu bổ sung giấy tờ' });
      assert.equal(waiting.paused, true);
      assert.equal(waiting.timeliness, null);
      // Days later the clock has not moved: the dossier is not overdue while the applicant supplements.
      setNow('2026-11-30T14:00:00+07:00');
      const still = await desk.get<View>(`/api/v1/dossiers/${d.id}`);
      assert.equal(still.body.timeliness, null);
      assert.equal(still.body.urgency, null);
      const resumed = await ok(desk, d.id, {
        action: 'receive-supplement',
        components: ['Giấy tờ chứng minh chỗ ở hợp pháp (bản sao có chứng thực)'],
        note: 'Đã nhận hợp đồng mới',
      });
      assert.deepEqual(resumed.status, { code: 4, name: 'Đang xử lý' });
      // Restart (the law's default): 3 full working days from Monday 30/11 14:00.
      assert.equal(resumed.dueAt, '2026-12-03T14:00:00+07:00');
      assert.equal(resumed.workflow.current, 'tham-dinh');
      const why = await desk.get<{ acceptedAt: string; dueAt: string; summary: string }>(
        `/api/v1/dossiers/${d.id}/due-explanation`,
      );
      assert.equal(why.body.acceptedAt, '2026-11-30T14:00:00+07:00', 'explained from the restart');
      assert.equal(why.body.dueAt, '2026-12-03T14:00:00+07:00');
      const again = await command(specialist, d.id, {
        action: 'request-supplement',
        items: ['Khác'],
        reason: 'Thêm nữa',
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'SUPPLEMENT_ALREADY_REQUESTED');
      await ok(specialist, d.id, { action: 'forward' });
      setNow('2026-12-03T10:00:00+07:00');
      const done = await ok(leader, d.id, { action: 'decide', outcome: 'approved', comment: '' });
      assert.equal(done.timeliness, 'on-time');
    });

    it('refuses a supplement request after the 3-working-day window', async () => {
      setNow('2026-11-23T09:00:00+07:00');
      const d = await receive('1.004194');
      await ok(desk, d.id, { action: 'forward' });
      setNow('2026-11-27T10:00:00+07:00');
      const r = await command(specialist, d.id, {
        action: 'request-supplement',
        items: ['Sổ hộ khẩu'],
        reason: 'Thiếu',
      });
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, 'SUPPLEMENT_WINDOW_CLOSED');
      const v = await desk.get<View>(`/api/v1/dossiers/${d.id}`);
      assert.equal(v.body.events.length, 3, 'nothing was written');
    });

    it('issues one apology with a new appointment before the due date, and stays late in the figures', async () => {
      setNow('2026-11-23T09:00:00+07:00');
      const d = await receive('1.004194');
      await ok(desk, d.id, { action: 'forward' });
      await ok(specialist, d.id, { action: 'claim' });
      setNow('2026-11-26T08:00:00+07:00');
      const sorry = await ok(specialist, d.id, {
        action: 'apologize',
        reason: 'Cần xác minh thông tin nơi cư trú với Công an phường',
        newAppointmentAt: '2026-12-01T09:00:00+07:00',
      });
      assert.equal(sorry.dueAt, '2026-11-27T09:00:00+07:00', 'the legal due instant does not move');
      assert.equal(sorry.appointmentAt, '2026-12-01T09:00:00+07:00');
      assert.equal(sorry.events.at(-1)?.data.timely, true);
      const twice = await command(specialist, d.id, {
        action: 'apologize',
        reason: 'Lần hai',
        newAppointmentAt: '2026-12-04T09:00:00+07:00',
      });
      assert.equal(twice.body.error.code, 'APOLOGY_ALREADY_ISSUED');
      setNow('2026-11-27T10:00:00+07:00');
      const overdue = await desk.get<{ items: { id: string; urgency: string }[] }>(
        '/api/v1/dossiers?list=overdue',
      );
      assert.ok(overdue.body.items.some((x) => x.id === d.id && x.urgency === 'overdue'));
      await ok(specialist, d.id, { action: 'forward' });
      setNow('2026-11-30T10:00:00+07:00');
      const late = await ok(leader, d.id, { action: 'decide', outcome: 'approved', comment: 'Đồng ý' });
      assert.equal(late.timeliness, 'late');
      const track = await new Client(s.app).get<{ timeliness: string }>(
        `/api/v1/public/dossiers/${late.code}`,
      );
      assert.equal(track.body.timeliness, 'late');
    });

    it('routes a một cửa liên thông dossier commune → province → commune, and keeps others out', async () => {
      setNow('2026-11-23T09:00:00+07:00');
      const p = await desk.get<{
        components: { name: string; required: boolean; condition: string | null }[];
      }>('/api/v1/procedures/1.012818');
      const d = await receive(
        '1.012818',
        p.body.components
          .filter((c) => requiredFor(c, 'counter'))
          .map((c) => ({ name: c.name, received: true })),
      );
      assert.deepEqual(
        d.workflow.steps.map((x) => x.agencyName),
        [
          'Ủy ban nhân dân Phường Sài Gòn',
          'Ủy ban nhân dân Thành phố Hồ Chí Minh',
          'Ủy ban nhân dân Thành phố Hồ Chí Minh',
        ],
      );
      await ok(desk, d.id, { action: 'forward' });
      await ok(specialist, d.id, { action: 'forward', note: 'Chuyển Văn phòng đăng ký đất đai' });
      const provSpecialist = await new Client(s.app).login('chuyenvien.tinh', DEMO_PASSWORD);
      const provLeader = await new Client(s.app).login('lanhdao.tinh', DEMO_PASSWORD);
      // The commune specialist no longer holds it; the province does.
      const wrong = await command(specialist, d.id, { action: 'forward' });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.error.code, 'NOT_YOUR_STEP');
      const mine = await provSpecialist.get<{ items: { id: string }[] }>('/api/v1/dossiers?list=unassigned');
      assert.ok(mine.body.items.some((x) => x.id === d.id));
      await ok(provSpecialist, d.id, { action: 'claim' });
      const atProvince = await ok(provSpecialist, d.id, { action: 'forward' });
      assert.equal(atProvince.currentAgency?.name, 'Ủy ban nhân dân Thành phố Hồ Chí Minh');
      // The name search follows the dossier to the agency holding it.
      const [named] = await s.database.read((db) =>
        queryRows<{ holder: string }>(
          db,
          sql`select a.name as holder from dossier_names n join agencies a on a.id = n.current_agency_id
              where n.dossier_id = ${d.id}`,
        ),
      );
      assert.equal(named?.holder, 'Ủy ban nhân dân Thành phố Hồ Chí Minh');
      const byName = await provSpecialist.get<{ items: { id: string }[] }>('/api/v1/dossiers?q=van%20binh');
      assert.ok(byName.body.items.some((x) => x.id === d.id));
      const approvals = await provLeader.get<{ items: { id: string }[] }>('/api/v1/dossiers?list=approval');
      assert.ok(approvals.body.items.some((x) => x.id === d.id));
      setNow('2026-12-10T10:00:00+07:00');
      const decided = await ok(provLeader, d.id, {
        action: 'decide',
        outcome: 'approved',
        comment: 'Thu hồi',
      });
      assert.equal(
        decided.currentAgency?.name,
        'Ủy ban nhân dân Phường Sài Gòn',
        'the result comes back to the receiving desk',
      );
      const byAgency = await provLeader.get<{ items: { id: string }[]; total: number }>(
        '/api/v1/dossiers?agencyCode=000.01.30.H29&procedureCode=1.012818',
      );
      assert.ok(
        byAgency.body.items.some((x) => x.id === d.id),
        'the province filters by receiving commune',
      );
      const none = await provLeader.get<{ total: number }>(
        '/api/v1/dossiers?agencyCode=000.02.30.H29&procedureCode=1.012818',
      );
      assert.equal(none.body.total, 0);
      const toReturn = await desk.get<{ items: { id: string }[] }>('/api/v1/dossiers?list=to-return');
      assert.ok(toReturn.body.items.some((x) => x.id === d.id));
      // The receiving commune keeps visibility throughout; another commune never sees it.
      const other = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      assert.equal((await other.get(`/api/v1/dossiers/${d.id}`)).status, 404);
      assert.equal((await command(other, d.id, { action: 'withdraw', reason: 'Thử truy cập' })).status, 404);
      // By post, the desk records what the postal worker took (Decision 45/2016 Art. 9–10).
      const bare = await command(desk, d.id, {
        action: 'return',
        method: 'post',
        earlyNotice: 'Đã nhắn tin cho người nộp ngày 10/12',
      });
      assert.equal(bare.status, 422);
      assert.equal(bare.body.error.code, 'POSTAL_DETAILS_REQUIRED');
      const postal = {
        trackingCode: 'EL123456789VN',
        address: '45 Nguyễn Huệ, Phường Sài Gòn, Thành phố Hồ Chí Minh',
        courier: 'Phạm Văn Bưu',
      };
      const back = await ok(desk, d.id, {
        action: 'return',
        method: 'post',
        earlyNotice: 'Đã nhắn tin cho người nộp ngày 10/12',
        postal,
      });
      assert.equal(back.status.code, 10);
      assert.deepEqual(back.events.at(-1)?.data.postal, postal);
      // The day's hand-over record lists it under the postal worker, for this agency only.
      const day = localDate(clock().now());
      const handover = await desk.get<{
        groups: { courier: string; officer: string; rows: { code: string; trackingCode: string }[] }[];
      }>(`/api/v1/dossiers/postal-handover?date=${day}`);
      assert.equal(handover.status, 200);
      assert.deepEqual(
        handover.body.groups.map((g) => [g.courier, g.officer, g.rows.map((r) => [r.code, r.trackingCode])]),
        [['Phạm Văn Bưu', 'Nguyễn Thị Lan', [[d.code, 'EL123456789VN']]]],
      );
      const otherDesk = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      const elsewhere = await otherDesk.get<{ groups: unknown[] }>(
        `/api/v1/dossiers/postal-handover?date=${day}`,
      );
      assert.deepEqual(elsewhere.body.groups, []);
      const noPdf = await otherDesk.get<ApiError>(`/api/v1/dossiers/postal-handover.pdf?date=${day}`);
      assert.equal(noPdf.status, 404);
      assert.equal(noPdf.body.error.code, 'NO_POSTAL_RETURNS');
      const pdf = await s.app.inject({
        method: 'GET',
        url: `/api/v1/dossiers/postal-handover.pdf?date=${day}`,
        headers: { cookie: desk.cookie },
      });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    });

    it('takes an online dossier to the desk’s check queue, and lets the applicant withdraw it', async () => {
      setNow('2026-11-23T20:00:00+07:00');
      const citizen = await new Client(s.app).login('congdan', DEMO_PASSWORD);
      const sub = await citizen.post<View & ApiError>('/api/v1/dossiers', {
        procedureCode: '1.004873',
        channel: 'online',
        agencyCode: '000.01.30.H29',
        applicant: { ...applicant, fullName: 'Đặng Thị Mai' },
      });
      assert.equal(sub.status, 201, JSON.stringify(sub.body));
      assert.deepEqual(sub.body.status, { code: 1, name: 'Mới đăng ký' });
      assert.deepEqual(sub.body.actions, [], 'the applicant has no desk actions');
      const queue = await desk.get<{ items: { id: string; channel: string; status: { code: number } }[] }>(
        '/api/v1/dossiers?list=check',
      );
      const item = queue.body.items.find((x) => x.channel === 'online');
      assert.ok(item, 'the online dossier waits in the check queue');
      assert.equal(item.status.code, 1);
      // The desk checks it the next working morning (Tuesday is a holiday).
      setNow('2026-11-25T08:00:00+07:00');
      const accepted = await ok(desk, item.id, { action: 'accept' });
      assert.match(accepted.code ?? '', /^000\.01\.30\.H29-261125-\d{4}$/);
      assert.equal(accepted.dueAt, '2026-11-30T08:00:00+07:00');
      const withdrawn = await ok(desk, item.id, {
        action: 'withdraw',
        reason: 'Công dân có đơn xin rút hồ sơ ngày 25/11/2026',
      });
      assert.deepEqual(withdrawn.status, { code: 7, name: 'Công dân yêu cầu rút hồ sơ' });
      assert.deepEqual(withdrawn.actions, []);
    });

    it('records a counter refusal and a postal hand-over that the desk then accepts', async () => {
      setNow('2026-11-25T09:00:00+07:00');
      const refused = await desk.post<View>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        applicant,
        components: tamTru,
        decision: 'refuse',
        refusal: { reason: 'Địa chỉ tạm trú thuộc Phường Bến Thành, không thuộc thẩm quyền' },
      });
      assert.equal(refused.status, 201);
      assert.deepEqual(refused.body.status, { code: 3, name: 'Không được tiếp nhận' });
      assert.equal(refused.body.code, null);
      const postal = await new Client(s.app).login('buudien', DEMO_PASSWORD);
      const handed = await postal.post<View>('/api/v1/dossiers', {
        procedureCode: '1.004873',
        channel: 'postal',
        applicant,
        submitter: { kind: 'postal', fullName: 'Võ Văn Tâm', organisation: 'Bưu cục Sài Gòn' },
      });
      assert.equal(handed.status, 201, JSON.stringify(handed.body));
      assert.equal(handed.body.status.code, 1);
      const accepted = await ok(desk, handed.body.id, { action: 'accept' });
      assert.equal(accepted.status.code, 2);
      assert.equal(accepted.dueAt, '2026-11-30T09:00:00+07:00');
    });

    /** A dossier taken to the leader, who uploads its result document (a PDF) as a result file. */
    const withUploadedResult = async (who: Record<string, unknown> = applicant) => {
      const d = await receive('1.004194', tamTru, { applicant: who });
      await ok(desk, d.id, { action: 'forward' });
      await ok(specialist, d.id, { action: 'forward' });
      const pdf = pdfFile('Giấy xác nhận tạm trú');
      const up = multipart(
        {},
        { name: 'file', filename: 'xac-nhan-tam-tru.pdf', type: 'application/pdf', data: pdf },
      );
      const r = await s.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${d.id}/files?kind=result`,
        payload: up.payload,
        headers: { ...up.headers, cookie: leader.cookie! },
      });
      assert.equal(r.statusCode, 201, r.body);
      const [file] = r.json<{ fileId: string; kind: string }[]>();
      assert.ok(file);
      return { d, pdf, file };
    };

    it('attaches the result document to the decision and serves it only to those who may see the dossier', async () => {
      setNow('2026-11-25T14:00:00+07:00');
      const { d, pdf, file } = await withUploadedResult();
      assert.equal(file.kind, 'result');
      const foreign = '00000000-0000-4000-8000-000000000000';
      const wrong = await command(leader, d.id, {
        action: 'decide',
        outcome: 'approved',
        documents: [foreign],
      });
      assert.equal(wrong.body.error.code, 'DOCUMENT_NOT_FOUND');
      const decided = await ok(leader, d.id, {
        action: 'decide',
        outcome: 'approved',
        documents: [file.fileId],
      });
      assert.deepEqual(decided.events.at(-1)?.data.documents, [file.fileId]);
      const get = await s.app.inject({
        url: `/api/v1/dossiers/${d.id}/files/${file.fileId}`,
        headers: { cookie: desk.cookie! },
      });
      assert.equal(get.statusCode, 200);
      assert.equal(get.rawPayload.toString(), pdf.toString());
      const other = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      const denied = await s.app.inject({
        url: `/api/v1/dossiers/${d.id}/files/${file.fileId}`,
        headers: { cookie: other.cookie! },
      });
      assert.equal(denied.statusCode, 404);
    });

    it('keeps the register of the desk with every date the law asks for, and exports it as a spreadsheet', async () => {
      const r = await desk.get<{
        items: {
          code: string;
          receivedAt: string;
          transferredAt: string | null;
          returnedAt: string | null;
          note: string;
        }[];
      }>('/api/v1/dossiers/register?from=2026-11-20&to=2026-11-20');
      assert.equal(r.status, 200);
      const first = r.body.items[0]!;
      assert.equal(first.code, '000.01.30.H29-261120-0001');
      assert.equal(first.receivedAt, '2026-11-20T15:00:00+07:00');
      assert.equal(first.transferredAt, '2026-11-20T15:00:00+07:00');
      assert.equal(first.returnedAt, '2026-11-25T08:00:00+07:00');
      const x = await s.app.inject({
        url: '/api/v1/dossiers/register.xlsx?from=2026-11-20&to=2026-11-30',
        headers: { cookie: desk.cookie! },
      });
      assert.equal(x.statusCode, 200);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Sổ theo dõi hồ sơ')!;
      assert.equal(ws.getCell('A2').value, 'SỔ THEO DÕI HỒ SƠ');
      assert.equal(ws.getCell('B5').value, '000.01.30.H29-261120-0001');
      const bad = await desk.get<ApiError>('/api/v1/dossiers/register?from=2026-11-30&to=2026-11-20');
      assert.equal(bad.body.error.code, 'RANGE_INVALID');
    });

    it('lists the officer’s most received procedures first', async () => {
      type Frequent = { code: string; count: number }[];
      const count = (list: Frequent) => list.find((p) => p.code === '1.004194')?.count ?? 0;
      const before = await desk.get<Frequent>('/api/v1/dossiers/frequent-procedures');
      assert.equal(before.status, 200);
      await receive('1.004194');
      await receive('1.004194');
      const r = await desk.get<Frequent>('/api/v1/dossiers/frequent-procedures');
      assert.equal(count(r.body), count(before.body) + 2);
      const counts = r.body.map((p) => p.count);
      assert.deepEqual(
        counts,
        [...counts].sort((x, y) => y - x),
        'most received first',
      );
    });

    it('finds a returning applicant by ID number to prefill the counter form, only within the agency', async () => {
      // Self-contained: this applicant's earlier dossier and its result document are made here.
      const returning = {
        kind: 'citizen',
        fullName: 'Lâm Thị Hồng',
        idNumber: '079190007788',
        phone: '0912345678',
        address: '40 Nguyễn Huệ, Phường Sài Gòn',
      };
      setNow('2026-11-25T15:00:00+07:00');
      await receive('1.004194', tamTru, { applicant: { ...returning, phone: '0900000001' } });
      setNow('2026-11-25T15:10:00+07:00');
      const earlier = await withUploadedResult(returning);
      const r = await desk.post<{
        applicant: { fullName: string; phone: string };
        dossiers: { id: string }[];
        documents: { fileId: string; name: string }[];
      }>('/api/v1/applicants/lookup', { idNumber: returning.idNumber });
      assert.equal(r.status, 200);
      assert.equal(r.body.applicant.fullName, 'Lâm Thị Hồng');
      // The latest details given win: the phone of the newer dossier.
      assert.equal(r.body.applicant.phone, '0912345678');
      assert.equal(r.body.dossiers.length, 2);
      assert.equal(r.body.dossiers[0]?.id, earlier.d.id);
      // The result document attached to the earlier dossier is a digitised document of this person: reuse it.
      const pdf = r.body.documents.find((x) => x.fileId === earlier.file.fileId);
      assert.equal(pdf?.name, 'xac-nhan-tam-tru.pdf', 'earlier documents are offered');
      const fresh = await receive('1.004194', tamTru, { applicant: returning });
      const reused = await desk.post<View & { files: { fileId: string }[] }>(
        `/api/v1/dossiers/${fresh.id}/files/reuse`,
        { fileIds: [earlier.file.fileId] },
      );
      assert.equal(reused.status, 200, JSON.stringify(reused.body));
      assert.deepEqual(
        reused.body.files.map((f) => f.fileId),
        [earlier.file.fileId],
      );
      const other = await new Client(s.app).login('tiepnhan.benthanh', DEMO_PASSWORD);
      assert.equal(
        (await other.post('/api/v1/applicants/lookup', { idNumber: returning.idNumber })).status,
        404,
      );
      const stranger = await desk.post<{ id: string }>('/api/v1/dossiers', {
        procedureCode: '1.004194',
        applicant: { kind: 'citizen', fullName: 'Người Khác', idNumber: '079185009999' },
        components: tamTru,
      });
      const notTheirs = await desk.post<ApiError>(`/api/v1/dossiers/${stranger.body.id}/files/reuse`, {
        fileIds: [earlier.file.fileId],
      });
      assert.equal(notTheirs.body.error.code, 'DOCUMENT_NOT_REUSABLE');
      assert.equal((await desk.post('/api/v1/applicants/lookup', { idNumber: '123' })).status, 400);
      assert.equal(
        (await desk.get(`/api/v1/applicants/${returning.idNumber}`)).status,
        404,
        'no URL carries an ID number any more',
      );
    });

    it("numbers the events of a command that waited for another after that command's, never over them", async () => {
      // The second of two simultaneous hand-overs waits for the dossier's lock; it must then see the first one's
      // event (a refusal, 403), not the history as it was before the wait (a duplicate event number, 500).
      setNow('2026-11-25T09:00:00+07:00');
      for (let i = 0; i < 20; i++) {
        const d = await receive('1.004194');
        const both = await Promise.all([
          command(desk, d.id, { action: 'forward' }),
          command(desk, d.id, { action: 'forward' }),
        ]);
        assert.deepEqual(
          both.map((r) => r.status).sort(),
          [200, 403],
          `pair ${i + 1}: ${JSON.stringify(both.map((r) => r.body))}`,
        );
      }
    });

    it('serializes concurrent commands, replays retries, and writes nothing for a refused command', async () => {
      setNow('2026-11-25T10:00:00+07:00');
      const d = await receive('1.004194');
      const both = await Promise.all([
        command(desk, d.id, { action: 'forward' }),
        command(desk, d.id, { action: 'forward' }),
      ]);
      assert.deepEqual(both.map((r) => r.status).sort(), [200, 403]);
      const key = { 'idempotency-key': 'claim-retry-00001', cookie: specialist.cookie! };
      const payload = { action: 'claim' };
      const a = await s.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${d.id}/commands`,
        payload,
        headers: key,
      });
      const b = await s.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${d.id}/commands`,
        payload,
        headers: key,
      });
      assert.equal(a.statusCode, 200);
      assert.equal(b.statusCode, 200);
      assert.equal(b.json<View>().events.filter((e) => e.type === 'claimed').length, 1);
      const reused = await s.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${d.id}/commands`,
        payload: { action: 'forward' },
        headers: key,
      });
      assert.equal(reused.statusCode, 422);
      const bad = await command(desk, d.id, {
        action: 'extend',
        amount: -1,
        unit: 'working-days',
        reason: 'x',
      });
      assert.equal(bad.status, 400);
      const notLeader = await command(specialist, d.id, {
        action: 'extend',
        amount: 2,
        unit: 'working-days',
        reason: 'Luật cho phép',
      });
      assert.equal(notLeader.status, 403);
      assert.equal(notLeader.body.error.code, 'LEADER_ONLY');
      const v = await desk.get<View>(`/api/v1/dossiers/${d.id}`);
      assert.deepEqual(
        v.body.events.map((e) => e.type),
        ['submitted', 'accepted', 'routed', 'claimed'],
      );
    });

    it('keeps the full-name search table in step with every dossier the journeys wrote', async () => {
      const rows = await s.database.read((db) =>
        queryRows<Record<string, string | null>>(
          db,
          sql`select d.search_text, d.applicant_name, d.agency_id, d.current_agency_id, d.created_at::text, n.agency_id as n_agency,
                n.current_agency_id as n_current, n.created_at::text as n_created, n.from_word1, n.from_word2, n.from_word3
              from dossiers d left join dossier_names n on n.dossier_id = d.id`,
        ),
      );
      assert.ok(rows.length >= 10, `${rows.length} dossiers`);
      for (const r of rows) {
        // the folded name from its 1st, 2nd and 3rd word ("truong van binh", "van binh", "binh"); a name
        // of fewer words is kept whole
        const words = foldVietnamese(r.applicant_name!).split(' ');
        const from = (i: number) => (words.length > i ? words.slice(i) : words).join(' ');
        assert.deepEqual(
          [r.n_agency, r.n_current, r.n_created, r.from_word1, r.from_word2, r.from_word3],
          [r.agency_id, r.current_agency_id, r.created_at, from(0), from(1), from(2)],
          r.search_text ?? '',
        );
      }
      assert.ok(rows.some((r) => r.applicant_name === applicant.fullName));
    });
  });
}
