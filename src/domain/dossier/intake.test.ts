import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Channel } from '../catalogue/procedure';
import { ProcedureContent } from '../catalogue/procedure';
import type { Role } from '../identity/role';
import { decideIntake, type IntakeRequest, intakeReceiver, missingComponents } from './intake';

// 1.004873, confirmation of marital status (xác nhận tình trạng hôn nhân): counter and online, not postal.
const marital = ProcedureContent.parse({
  name: 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân',
  fieldCode: 'HT',
  level: 'commune',
  implementingAgency: 'Ủy ban nhân dân cấp xã',
  processingTime: { amount: 3, unit: 'working-days' },
  components: [
    { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', originals: 1, copies: 0, required: true },
    {
      name: 'Bản án ly hôn (nếu đã ly hôn)',
      originals: 0,
      copies: 1,
      required: true,
      condition: 'đã ly hôn',
    },
    { name: 'Giấy ủy quyền', originals: 1, copies: 0, required: false },
  ],
  channels: ['counter', 'online'],
  eform: [{ key: 'mucDich', label: 'Mục đích sử dụng', type: 'text', required: true }],
});

const found: {
  agency: { name: string; active: boolean };
  abolishedOn: string | null;
  adopted: boolean;
  content: ProcedureContent;
  today: string;
} = {
  agency: { name: 'Ủy ban nhân dân Phường Sài Gòn', active: true },
  abolishedOn: null,
  adopted: true,
  content: marital,
  today: '2026-11-23',
};
const request = (over: Partial<IntakeRequest> = {}): IntakeRequest => ({
  procedureCode: '1.004873',
  channel: 'counter',
  formData: { mucDich: 'Đăng ký kết hôn' },
  components: [{ name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', received: true }],
  decision: 'accept',
  ...over,
});
const actor = (roles: Role[], agencyId: string | null = 'ward') => ({ roles, agencyId });
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

describe('intake: who may hand in a dossier, and where it goes', () => {
  const cases: [string, Role[], string | null, Partial<IntakeRequest>, string][] = [
    ['the desk receives at the counter for its own agency', ['reception'], 'ward', {}, 'ok'],
    ['a specialist cannot receive at the counter', ['specialist'], 'ward', {}, 'FORBIDDEN'],
    ['a citizen cannot use the counter channel', ['citizen'], null, {}, 'FORBIDDEN'],
    ['an officer without an agency cannot receive', ['reception'], null, {}, 'FORBIDDEN'],
    [
      'postal staff hand in for the agency named',
      ['postal'],
      'post',
      { channel: 'postal', agencyCode: 'X' },
      'ok',
    ],
    [
      'postal staff without a named agency hand in for their own',
      ['postal'],
      'post',
      { channel: 'postal' },
      'ok',
    ],
    ['a reception officer may log a postal dossier', ['reception'], 'ward', { channel: 'postal' }, 'ok'],
    [
      'a citizen cannot pose as the post',
      ['citizen'],
      null,
      { channel: 'postal', agencyCode: 'X' },
      'FORBIDDEN',
    ],
    [
      'online is for citizens and helpers',
      ['reception'],
      'ward',
      { channel: 'online', agencyCode: 'X' },
      'ONLINE_FOR_CITIZENS',
    ],
    ['a citizen online must choose the agency', ['citizen'], null, { channel: 'online' }, 'AGENCY_REQUIRED'],
    [
      'a citizen online with a chosen agency',
      ['citizen'],
      null,
      { channel: 'online', agencyCode: 'X' },
      'ok',
    ],
  ];
  for (const [name, roles, agencyId, over, expected] of cases) {
    it(name, () => assert.equal(code(intakeReceiver(actor(roles, agencyId), request(over))), expected));
  }

  it('sends a counter dossier to the officer’s agency and an online one to the agency chosen', () => {
    assert.deepEqual(intakeReceiver(actor(['reception']), request()), { ok: true, agency: { id: 'ward' } });
    assert.deepEqual(
      intakeReceiver(actor(['citizen'], null), request({ channel: 'online', agencyCode: 'X' })),
      {
        ok: true,
        agency: { code: 'X' },
      },
    );
  });

  it('refuses without the right role with 403, and a wrong channel or missing agency with 400', () => {
    const r = intakeReceiver(actor(['specialist']), request());
    assert.ok(!r.ok);
    assert.equal(r.status, 403);
    assert.match(r.message, /cán bộ một cửa/);
    const online = intakeReceiver(actor(['citizen'], null), request({ channel: 'online' }));
    assert.ok(!online.ok);
    assert.equal(online.status, 400);
  });
});

describe('intake: what may become a dossier', () => {
  const refusals: [string, Partial<IntakeRequest>, Partial<typeof found>, string][] = [
    ['accepts a complete counter dossier', {}, {}, 'ok'],
    [
      'refuses an agency no longer active',
      {},
      { agency: { name: 'UBND cũ', active: false } },
      'AGENCY_NOT_FOUND',
    ],
    ['refuses a procedure abolished today', {}, { abolishedOn: '2026-11-23' }, 'PROCEDURE_NOT_AVAILABLE'],
    ['accepts a procedure abolished only tomorrow', {}, { abolishedOn: '2026-11-24' }, 'ok'],
    ['refuses a procedure the agency does not implement', {}, { adopted: false }, 'PROCEDURE_NOT_ADOPTED'],
    [
      'refuses postal when the procedure is not offered by post',
      { channel: 'postal' },
      {},
      'CHANNEL_NOT_OFFERED',
    ],
    [
      'takes any procedure at the counter',
      { channel: 'counter' },
      { content: { ...marital, channels: ['online'] } },
      'ok',
    ],
    [
      'refuses an e-form field the procedure does not have',
      { formData: { mucDich: 'x', la: 1 } },
      {},
      'EFORM_INVALID',
    ],
    ['refuses an acceptance without a required component', { components: [] }, {}, 'COMPONENTS_MISSING'],
    [
      'lets the desk ask for the missing component instead',
      { components: [], decision: 'supplement', supplement: { items: ['Tờ khai'], reason: 'Thiếu tờ khai' } },
      {},
      'ok',
    ],
    [
      'asks for the list of a supplement request',
      { decision: 'supplement' },
      {},
      'SUPPLEMENT_ITEMS_REQUIRED',
    ],
    ['asks for the reason of a refusal', { decision: 'refuse' }, {}, 'REFUSAL_REASON_REQUIRED'],
    [
      'takes an online dossier without components for the desk to check',
      { channel: 'online', components: [] },
      {},
      'ok',
    ],
  ];
  for (const [name, over, f, expected] of refusals) {
    it(name, () => assert.equal(code(decideIntake(request(over), { ...found, ...f })), expected));
  }

  it('submits online and postal dossiers for the desk’s check, whatever decision was sent', () => {
    const r = decideIntake(request({ channel: 'online', decision: 'refuse' }), found);
    assert.ok(r.ok);
    assert.equal(r.decision, 'submit');
    const counter = decideIntake(request(), found);
    assert.ok(counter.ok);
    assert.equal(counter.decision, 'accept');
  });

  it('names every missing required component, and never a conditional or optional one', () => {
    const r = decideIntake(request({ components: [{ name: 'Giấy ủy quyền', received: true }] }), found);
    assert.ok(!r.ok);
    assert.deepEqual(r.details, ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân']);
    assert.match(r.message, /Hãy hướng dẫn bổ sung \(Mẫu 02\)/);
    assert.deepEqual(
      missingComponents(marital, () => false, 'counter').map((c) => c.name),
      ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân'],
    );
  });

  it('asks for the paper declaration at the counter and by post, and for the e-form online', () => {
    const birth = {
      components: [
        {
          name: 'Tờ khai',
          required: true,
          condition: 'Nộp nếu nộp trực tiếp hoặc qua bưu chính',
          channels: ['counter', 'postal'] as Channel[],
        },
        {
          name: 'Mẫu điện tử tương tác',
          required: true,
          condition: 'Nộp nếu nộp trực tuyến',
          channels: ['online'] as Channel[],
        },
        { name: 'Giấy chứng sinh', required: true, condition: null, channels: null },
        { name: 'Văn bản ủy quyền', required: true, condition: 'Trường hợp ủy quyền', channels: null },
      ],
    };
    const names = (ch: Channel) => missingComponents(birth, () => false, ch).map((c) => c.name);
    assert.deepEqual(names('counter'), ['Tờ khai', 'Giấy chứng sinh']);
    assert.deepEqual(names('postal'), ['Tờ khai', 'Giấy chứng sinh']);
    assert.deepEqual(names('online'), ['Mẫu điện tử tương tác', 'Giấy chứng sinh']);
  });

  it('counts a component listed but not ticked as received as missing', () => {
    const r = decideIntake(
      request({ components: [{ name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', received: false }] }),
      found,
    );
    assert.equal(code(r), 'COMPONENTS_MISSING');
  });
});
