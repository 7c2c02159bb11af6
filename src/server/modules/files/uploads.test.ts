import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDisposition, OFFICE_COMPOUND, sniffedType, type UploadPolicy } from './uploads';

const policy: UploadPolicy = {
  types: ['application/pdf'],
  kinds: 'tệp PDF',
  maxBytes: 1024,
  maxFiles: 1,
  compound: OFFICE_COMPOUND,
};
// The first bytes of every OLE2 compound file (an old .doc or .xls), padded to a sector.
const CFB = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);

describe('upload types and download names', () => {
  it('takes the type from the content, never from the declaration', async () => {
    assert.equal(await sniffedType(Buffer.from('%PDF-1.4\n%%EOF\n'), 'text/html', policy), 'application/pdf');
    assert.equal(
      await sniffedType(Buffer.from('<html><script>1</script>'), 'application/pdf', policy),
      undefined,
    );
    assert.equal(
      await sniffedType(Buffer.from('<?xml version="1.0"?><a/>'), 'application/pdf', policy),
      undefined,
    );
  });

  it('stores an OLE2 file under its declared type only when that is an old Word or Excel type', async () => {
    assert.equal(await sniffedType(CFB, 'application/msword', policy), 'application/msword');
    assert.equal(await sniffedType(CFB, 'application/pdf', policy), undefined);
    assert.equal(await sniffedType(CFB, 'application/msword', { ...policy, compound: [] }), undefined);
  });

  it('names a download for every client: an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
    assert.equal(
      contentDisposition('attachment', "Đơn đề nghị (bản 2)'s.pdf"),
      `attachment; filename="Don de nghi _ban 2__s.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B%20%28b%E1%BA%A3n%202%29%27s.pdf`,
    );
    assert.equal(
      contentDisposition('inline', '"";\\'),
      `inline; filename="____"; filename*=UTF-8''%22%22%3B%5C`,
    );
  });
});
