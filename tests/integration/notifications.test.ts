import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { dispatchOnce, webhookSender } from '../../src/server/modules/notifications/dispatcher';
import { Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

/** What the counter must receive for a marital-status certificate (1.004873): the declaration and the ID shown. */
const MARITAL_COUNTER_COMPONENTS = [
  { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', received: true },
  {
    name: 'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng (giấy tờ tùy thân) để chứng minh về nhân thân',
    received: true,
  },
];

interface Msg {
  topic: string;
  to: { phone: string | null };
  text: string;
}

for (const backend of BACKENDS) {
  describe(`messages to applicants on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let gateway: Server;
    let url = '';
    const received: Msg[] = [];
    let failNext = 0;
    before(async () => {
      gateway = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          if (failNext > 0) {
            failNext--;
            res.writeHead(503).end();
            return;
          }
          received.push(JSON.parse(body));
          res.writeHead(202).end();
        });
      });
      await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
      const addr = gateway.address();
      url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/sms`;
      s = await startTestServer(backend);
    });
    after(async () => {
      await s?.close();
      gateway?.close();
    });

    it('tells the applicant of acceptance and the due date through the gateway, in Vietnamese, once', async () => {
      const desk = await new Client(s.app).login('tiepnhan', DEMO_PASSWORD);
      const d = await desk.post<{ id: string; code: string }>('/api/v1/dossiers', {
        procedureCode: '1.004873',
        applicant: { kind: 'citizen', fullName: 'Vũ Thị Thu', idNumber: '079190005555', phone: '0987654321' },
        components: MARITAL_COUNTER_COMPONENTS,
      });
      assert.equal(d.status, 201);
      const pending = await desk.get<{ status: string; message: string }[]>(
        `/api/v1/dossiers/${d.body.id}/messages`,
      );
      assert.equal(pending.body[0]?.status, 'pending');
      failNext = 1; // the gateway is briefly down: the message is retried, not lost
      assert.deepEqual(await dispatchOnce(s.database, s.clock, webhookSender(url)), { sent: 0, failed: 1 });
      (s.clock as unknown as { advance(ms: number): void }).advance(3 * 60_000);
      assert.deepEqual(await dispatchOnce(s.database, s.clock, webhookSender(url)), { sent: 1, failed: 0 });
      assert.deepEqual(await dispatchOnce(s.database, s.clock, webhookSender(url)), { sent: 0, failed: 0 });
      assert.equal(received.length, 1);
      assert.equal(received[0]?.topic, 'accepted');
      assert.equal(received[0]?.to.phone, '0987654321');
      assert.match(received[0]!.text, new RegExp(`đã tiếp nhận hồ sơ ${d.body.code.replaceAll('.', '\\.')}`));
      assert.match(received[0]!.text, /Hẹn trả kết quả: 09:00 ngày 27\/11\/2026/);
      const sent = await desk.get<{ status: string }[]>(`/api/v1/dossiers/${d.body.id}/messages`);
      assert.equal(sent.body[0]?.status, 'sent');
    });
  });
}
