import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskEmail, maskPhone, normalizePhone, normalizeTaxCode, phoneError, taxCodeError } from './account';

describe('mobile numbers', () => {
  it('normalises the spellings people type to the national form', () => {
    for (const typed of [
      '0912345678',
      '0912 345 678',
      '0912.345.678',
      '+84 912 345 678',
      '84912345678',
      '(091) 234-5678',
    ]) {
      assert.equal(normalizePhone(typed), '0912345678', typed);
    }
    assert.equal(normalizePhone('0327 111 222'), '0327111222');
  });

  it('refuses landlines, old 11-digit numbers, letters and wrong lengths', () => {
    for (const typed of ['0283 829 1234', '01212345678', '091234567', '09123456789', '0912abc678', '']) {
      assert.equal(normalizePhone(typed), null, typed);
    }
    assert.match(phoneError('0212345678') ?? '', /không hợp lệ/);
    assert.equal(phoneError('0987654321'), null);
  });
});

describe('tax codes', () => {
  it('accepts 10 digits with the right check digit, and a 13-digit branch code', () => {
    assert.equal(normalizeTaxCode('0100109106'), '0100109106');
    assert.equal(normalizeTaxCode('0100109106-001'), '0100109106-001');
    assert.equal(normalizeTaxCode('0100109106001'), '0100109106-001');
    assert.equal(normalizeTaxCode('0300588569'), '0300588569');
  });

  it('refuses a wrong check digit, a 000 branch and other lengths, with a reason', () => {
    assert.equal(normalizeTaxCode('0100109107'), null);
    assert.equal(normalizeTaxCode('0100109106-000'), null);
    assert.equal(normalizeTaxCode('01001091'), null);
    assert.match(taxCodeError('0100109107') ?? '', /chữ số kiểm tra/);
    assert.match(taxCodeError('01001091') ?? '', /10 chữ số/);
    assert.match(taxCodeError('') ?? '', /Hãy nhập/);
  });
});

describe('masking', () => {
  it('shows enough of an address for its owner to recognise it', () => {
    assert.equal(maskPhone('0912345678'), '0912•••678');
    assert.equal(maskEmail('hoa.nguyen@example.vn'), 'ho•••@example.vn');
  });
});
