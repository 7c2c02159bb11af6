import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEformField, eformValueText, validateEform } from './eform';
import { FormField } from './procedure';

const fields = [
  FormField.parse({ key: 'hoTen', label: 'Họ, chữ đệm, tên', type: 'text', required: true }),
  FormField.parse({ key: 'noiCuTru', label: 'Nơi cư trú', type: 'address', required: true }),
  FormField.parse({ key: 'noiSinh', label: 'Nơi sinh', type: 'address' }),
  FormField.parse({ key: 'soDinhDanh', label: 'Số định danh cá nhân', type: 'national-id' }),
  FormField.parse({ key: 'gioiTinh', label: 'Giới tính', type: 'select', options: ['Nam', 'Nữ'] }),
];

const saigon = {
  detail: '12 Lê Lợi',
  communeCode: '26734',
  communeName: 'Phường Sài Gòn',
  provinceCode: '79',
  provinceName: 'Thành phố Hồ Chí Minh',
};

describe('e-form validation', () => {
  it('accepts an address picked as detail, commune and province, and keeps it structured', () => {
    const r = validateEform(fields, { hoTen: 'Nguyễn Văn An', noiCuTru: saigon });
    assert.ok(r.ok);
    assert.deepEqual(r.value.noiCuTru, saigon);
    assert.equal(
      eformValueText(fields[1]!, r.value.noiCuTru),
      '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
    );
  });

  it('still accepts an address typed as one line of text', () => {
    const r = validateEform(fields, { hoTen: 'Nguyễn Văn An', noiCuTru: '12 Lê Lợi, Phường Sài Gòn' });
    assert.ok(r.ok);
    assert.equal(r.value.noiCuTru, '12 Lê Lợi, Phường Sài Gòn');
  });

  it('names the missing commune of a picked address', () => {
    const r = validateEform(fields, {
      hoTen: 'Nguyễn Văn An',
      noiCuTru: { ...saigon, communeCode: '', communeName: '' },
    });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.issues, [
      { key: 'noiCuTru', message: 'Nơi cư trú: hãy chọn xã, phường, đặc khu.' },
    ]);
  });

  it('treats an untouched address picker as empty: required says so, optional is dropped', () => {
    const empty = { detail: '', communeCode: '', communeName: '', provinceCode: '', provinceName: '' };
    const r = validateEform(fields, { hoTen: 'Nguyễn Văn An', noiCuTru: empty, noiSinh: empty });
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.issues, [{ key: 'noiCuTru', message: 'Nơi cư trú: bắt buộc.' }]);
    const r2 = validateEform(fields, { hoTen: 'Nguyễn Văn An', noiCuTru: saigon, noiSinh: empty });
    assert.ok(r2.ok);
    assert.equal('noiSinh' in r2.value, false);
  });

  it('gives the form the same message per field as the server gives for the whole e-form', () => {
    const one = checkEformField(fields[3]!, '0791');
    assert.deepEqual(one, {
      ok: false,
      message: 'Số định danh cá nhân: số định danh cá nhân gồm đúng 12 chữ số.',
    });
    const all = validateEform(fields, { hoTen: 'An', noiCuTru: saigon, soDinhDanh: '0791' });
    assert.deepEqual(!all.ok && all.issues[0]?.message, one.ok ? null : one.message);
    assert.deepEqual(checkEformField(fields[4]!, 'Khác'), {
      ok: false,
      message: 'Giới tính: hãy chọn một giá trị trong danh sách.',
    });
  });

  it('accepts an untouched e-form (paper declaration at the counter) unless it must be filled', () => {
    assert.deepEqual(validateEform(fields, {}), { ok: true, value: {} });
    const online = validateEform(fields, {}, { requireFilled: true });
    assert.equal(online.ok, false);
    assert.deepEqual(!online.ok && online.issues.map((i) => i.message), [
      'Họ, chữ đệm, tên: bắt buộc.',
      'Nơi cư trú: bắt buộc.',
    ]);
    // Once anything is entered, the required fields are required.
    assert.equal(validateEform(fields, { soDinhDanh: '079190001234' }).ok, false);
  });

  it('refuses keys that are not in the procedure e-form', () => {
    const r = validateEform(fields, { hoTen: 'An', noiCuTru: saigon, ghiChu: 'x' });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.issues[0]!.message : '', /không có trong tờ khai/);
  });
});

describe('a declaration field filled for the requester themself (FormField.self)', () => {
  it('takes the requester’s detail only into a field of a type that can hold it', () => {
    assert.ok(FormField.safeParse({ key: 'hoTen', label: 'Họ tên', type: 'text', self: 'fullName' }).success);
    assert.ok(
      FormField.safeParse({ key: 'noiCuTru', label: 'Nơi cư trú', type: 'address', self: 'address' }).success,
    );
    const wrong = FormField.safeParse({
      key: 'ngaySinh',
      label: 'Ngày sinh',
      type: 'text',
      self: 'dateOfBirth',
    });
    assert.ok(!wrong.success);
    assert.deepEqual(wrong.error.issues[0]?.path, ['self']);
    assert.match(wrong.error.issues[0]?.message ?? '', /không nhận được thông tin đó/);
  });
  it('marks nothing unless told (fields seeded before the mark keep working)', () => {
    assert.equal(FormField.parse({ key: 'hoTen', label: 'Họ tên', type: 'text' }).self, null);
  });
});
