import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Channel, ProcedureContent } from '../catalogue/procedure';
import { diffVersions } from '../catalogue/diff';
import { parseProcedureRow, procedureToRow } from '../catalogue/spreadsheet';
import {
  caseRefusal,
  decideIntake,
  type IntakeRequest,
  missingComponents,
  procedureCases,
  requiredFor,
} from './intake';

const CRIMINAL =
  'Người đang bị truy cứu trách nhiệm hình sự, chấp hành án hoặc biện pháp xử lý hành chính, đi khỏi nơi cư trú từ 01 ngày trở lên (điểm a, b khoản 1 Điều 31 Luật Cư trú)';
const AWAY =
  'Người trong độ tuổi nghĩa vụ quân sự đi khỏi nơi cư trú từ 03 tháng, hoặc người khác đi khỏi nơi thường trú từ 12 tháng trở lên (điểm c, d khoản 1 Điều 31 Luật Cư trú)';

// 1.003677, khai báo tạm vắng, as seeded: two cases with different papers.
const absence = ProcedureContent.parse({
  name: 'Khai báo tạm vắng',
  fieldCode: 'CUTRU',
  level: 'commune',
  implementingAgency: 'Công an cấp xã',
  processingTime: { amount: 1, unit: 'working-days' },
  components: [
    {
      name: 'Đề nghị khai báo tạm vắng',
      originals: 1,
      copies: 0,
      required: true,
      condition: 'Trường hợp quy định tại điểm a, điểm b khoản 1 Điều 31 Luật Cư trú',
      case: CRIMINAL,
    },
    {
      name: 'Văn bản đồng ý của cơ quan có thẩm quyền giám sát, quản lý, giáo dục người đó',
      originals: 1,
      copies: 0,
      required: true,
      condition: 'Trường hợp quy định tại điểm a, điểm b khoản 1 Điều 31 Luật Cư trú',
      case: CRIMINAL,
    },
    {
      name: 'Nội dung khai báo tạm vắng',
      originals: 1,
      copies: 1,
      required: true,
      condition: 'Trường hợp quy định tại điểm c, điểm d khoản 1 Điều 31 Luật Cư trú',
      case: AWAY,
    },
    { name: 'Giấy ủy quyền', originals: 1, copies: 0, required: false, condition: 'Trường hợp ủy quyền' },
  ],
  channels: ['counter', 'online'],
});

// 1.010038, tách hộ: a case-less paper would be asked for in both cases; here the CCCD of the applicant.
const SAME =
  'Tách hộ để đăng ký thường trú tại cùng một chỗ ở hợp pháp, có ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở';
const DIVORCED = 'Vợ, chồng đã ly hôn mà vẫn được ở cùng chỗ ở hợp pháp';
const split = ProcedureContent.parse({
  name: 'Tách hộ',
  fieldCode: 'CUTRU',
  level: 'commune',
  implementingAgency: 'Công an cấp xã',
  processingTime: { amount: 5, unit: 'working-days' },
  components: [
    { name: 'Tờ khai CT01 có ý kiến đồng ý của chủ hộ', originals: 1, copies: 0, required: true, case: SAME },
    { name: 'Giấy tờ chứng minh việc ly hôn', originals: 0, copies: 1, required: true, case: DIVORCED },
    { name: 'Thẻ căn cước', originals: 1, copies: 0, required: true },
  ],
  channels: ['counter', 'online'],
});

const names = (l: readonly { name: string }[]) => l.map((c) => c.name);
const none = () => false;

describe('cases (trường hợp): alternatives of a procedure', () => {
  it('a procedure has the cases its components name, in the order they first appear', () => {
    assert.deepEqual(procedureCases(absence), [CRIMINAL, AWAY]);
    assert.deepEqual(procedureCases(split), [SAME, DIVORCED]);
    assert.deepEqual(procedureCases({ components: [{ name: 'a', case: null }, { name: 'b' }] }), []);
  });

  it('the chosen case asks for its own papers only, whatever their condition says', () => {
    assert.deepEqual(names(missingComponents(absence, none, 'counter', CRIMINAL)), [
      'Đề nghị khai báo tạm vắng',
      'Văn bản đồng ý của cơ quan có thẩm quyền giám sát, quản lý, giáo dục người đó',
    ]);
    assert.deepEqual(names(missingComponents(absence, none, 'online', AWAY)), ['Nội dung khai báo tạm vắng']);
    const got = (n: string) => n === 'Đề nghị khai báo tạm vắng';
    assert.deepEqual(names(missingComponents(absence, got, 'counter', CRIMINAL)), [
      'Văn bản đồng ý của cơ quan có thẩm quyền giám sát, quản lý, giáo dục người đó',
    ]);
  });

  it('papers of no case are asked for in every case; a condition without a case is still never enforced', () => {
    assert.deepEqual(names(missingComponents(split, none, 'counter', DIVORCED)), [
      'Giấy tờ chứng minh việc ly hôn',
      'Thẻ căn cước',
    ]);
    assert.equal(requiredFor({ required: true, condition: 'Trường hợp ủy quyền' }, 'counter'), false);
    assert.equal(
      requiredFor({ required: true, condition: 'Trường hợp ủy quyền', case: 'Ủy quyền' }, 'counter'),
      true,
    );
    assert.equal(requiredFor({ required: false, case: 'Ủy quyền' }, 'counter'), false);
  });

  it('without a case chosen, no paper of any case is asked for (the intake refuses first)', () => {
    assert.deepEqual(names(missingComponents(split, none, 'counter')), ['Thẻ căn cước']);
  });

  it('a procedure with cases refuses a dossier without a case or with an unknown one', () => {
    const required = caseRefusal(absence, null, true);
    assert.equal(required?.code, 'CASE_REQUIRED');
    assert.equal(required?.status, 422);
    assert.match(required!.message, /hãy chọn trường hợp/);
    assert.deepEqual(required?.details, [CRIMINAL, AWAY]);
    assert.equal(caseRefusal(absence, undefined, true)?.code, 'CASE_REQUIRED');
    assert.equal(caseRefusal(absence, null, false), null, 'a supplement request or refusal may come first');
    const unknown = caseRefusal(absence, 'Đi du lịch', false);
    assert.equal(unknown?.code, 'CASE_UNKNOWN');
    assert.match(unknown!.message, /không có trường hợp “Đi du lịch”/);
    assert.equal(caseRefusal(absence, AWAY, true), null);
    assert.equal(caseRefusal(split, null, false), null);
  });

  it('a procedure without cases takes no case', () => {
    const plain = { components: [{ name: 'Tờ khai', required: true }] };
    assert.equal(caseRefusal(plain, null, true), null);
    assert.equal(caseRefusal(plain, 'Bất kỳ', true)?.code, 'CASE_UNKNOWN');
  });

  const found = {
    agency: { name: 'Công an Phường Sài Gòn', active: true },
    abolishedOn: null,
    adopted: true,
    content: absence,
    today: '2026-12-07',
  };
  const request = (over: Partial<IntakeRequest>): IntakeRequest => ({
    procedureCode: '1.003677',
    channel: 'counter',
    formData: {},
    components: [],
    decision: 'accept',
    ...over,
  });
  const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

  it('the intake: a case to accept or submit, its papers to accept', () => {
    assert.equal(code(decideIntake(request({}), found)), 'CASE_REQUIRED');
    assert.equal(code(decideIntake(request({ channel: 'online' }), found)), 'CASE_REQUIRED');
    assert.equal(code(decideIntake(request({ case: 'Khác' }), found)), 'CASE_UNKNOWN');
    assert.equal(code(decideIntake(request({ case: AWAY }), found)), 'COMPONENTS_MISSING');
    const missing = decideIntake(
      request({ case: CRIMINAL, components: [{ name: 'Đề nghị khai báo tạm vắng', received: true }] }),
      found,
    );
    assert.equal(code(missing), 'COMPONENTS_MISSING');
    assert.deepEqual(!missing.ok && missing.details, [
      'Văn bản đồng ý của cơ quan có thẩm quyền giám sát, quản lý, giáo dục người đó',
    ]);
    assert.equal(
      code(
        decideIntake(
          request({ case: AWAY, components: [{ name: 'Nội dung khai báo tạm vắng', received: true }] }),
          found,
        ),
      ),
      'ok',
    );
    assert.equal(code(decideIntake(request({ channel: 'online', case: AWAY }), found)), 'ok');
    assert.equal(
      code(decideIntake(request({ decision: 'refuse', refusal: { reason: 'Không thuộc địa bàn' } }), found)),
      'ok',
    );
  });
});

// Components of a procedure without cases: any flags, conditions and channels.
const plainComponent = fc.record({
  name: fc.string({ minLength: 1, maxLength: 8 }),
  required: fc.boolean(),
  condition: fc.option(fc.constantFrom('Trường hợp ủy quyền', 'Nộp trực tiếp'), { nil: null }),
  channels: fc.option(fc.subarray<Channel>(['counter', 'online', 'postal'], { minLength: 1 }), { nil: null }),
});
const channel = fc.constantFrom<Channel>('counter', 'online', 'postal');

describe('cases: a procedure without cases behaves exactly as before', () => {
  it('whatever was received, the missing components do not depend on a case', () => {
    fc.assert(
      fc.property(
        fc.array(plainComponent, { maxLength: 8 }),
        fc.func(fc.boolean()),
        channel,
        (components, got, ch) => {
          const content = { components };
          // The rule before cases, written out: required, asked for on this channel, no condition but channels.
          const before = content.components.filter(
            (c) =>
              c.required &&
              (!c.channels || c.channels.includes(ch)) &&
              (!c.condition || !!c.channels) &&
              !got(c.name),
          );
          assert.deepEqual(missingComponents(content, got, ch), before);
          assert.deepEqual(missingComponents(content, got, ch, null), before);
          assert.equal(caseRefusal(content, null, true), null);
          assert.deepEqual(procedureCases(content), []);
        },
      ),
    );
  });

  it('adding case-less papers to a procedure with cases asks for them in every case', () => {
    fc.assert(
      fc.property(
        fc.array(plainComponent, { maxLength: 6 }),
        fc.constantFrom(CRIMINAL, AWAY),
        channel,
        (extra, c, ch) => {
          const content = { components: [...absence.components, ...extra] };
          const missing = names(missingComponents(content, none, ch, c));
          for (const x of extra) if (requiredFor(x, ch)) assert.ok(missing.includes(x.name));
          for (const x of absence.components) {
            if (x.case && x.case !== c)
              assert.ok(!missing.includes(x.name) || extra.some((e) => e.name === x.name));
          }
        },
      ),
    );
  });
});

describe('cases in the catalogue spreadsheet', () => {
  it('a component line carries its case as the eighth part, and reads back the same', () => {
    const row = procedureToRow('1.003677', absence);
    const lines = row.components.split('\n');
    assert.equal(
      lines[0],
      `Đề nghị khai báo tạm vắng|1|0|Bắt buộc|${absence.components[0]!.condition}|||${CRIMINAL}`,
    );
    assert.equal(lines[3], 'Giấy ủy quyền|1|0|Không bắt buộc|Trường hợp ủy quyền|', 'no case: as before');
    const back = parseProcedureRow(row, 2);
    assert.ok(back.ok);
    assert.deepEqual(
      back.content.components.map((c) => c.case),
      absence.components.map((c) => c.case),
    );
    assert.deepEqual(procedureCases(back.content), [CRIMINAL, AWAY]);
  });
});

describe('cases in the comparison of versions', () => {
  it('a paper given a case is a changed paper', () => {
    const before = { ...absence, components: absence.components.map((c) => ({ ...c, case: null })) };
    const changes = diffVersions(before, absence).components;
    assert.equal(changes.length, 3);
    assert.ok(changes.every((c) => c.change === 'changed' && c.after?.includes('thuộc trường hợp:')));
  });
});
