import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatDossierCode, isDossierCode, parseDossierCode } from './code';

const SRC = join(import.meta.dirname, '..', '..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('dossier codes (mã hồ sơ)', () => {
  it('reproduces the circular’s example 000.23.41.H29-240703-0007', () => {
    assert.equal(formatDossierCode('000.23.41.H29', '2024-07-03', 7), '000.23.41.H29-240703-0007');
  });

  it('continues past 9,999 a day with more digits rather than wrapping', () => {
    assert.equal(formatDossierCode('000.00.00.H29', '2026-11-23', 10_000), '000.00.00.H29-261123-10000');
  });

  it('refuses a made-up agency code or sequence 0', () => {
    assert.throws(() => formatDossierCode('XA-01', '2026-11-23', 1), RangeError);
    assert.throws(() => formatDossierCode('000.23.41.H29', '2026-11-23', 0), RangeError);
  });

  it('accepts the 10,000th dossier of a day as a code, in any letter case and with spaces around', () => {
    const code = formatDossierCode('000.23.41.H29', '2026-11-23', 10_000);
    assert.equal(isDossierCode(code), true);
    assert.equal(isDossierCode(` ${code.toLowerCase()} `), true);
    assert.deepEqual(parseDossierCode(code), {
      agencyCode: '000.23.41.H29',
      date: '2026-11-23',
      sequence: 10_000,
    });
  });

  it('refuses a sequence of fewer than four digits, a bad date part or a made-up agency', () => {
    for (const bad of [
      '000.23.41.H29-261123-007',
      '000.23.41.H29-2611-0007',
      '000.05.00.H29-261123-0001',
      'X',
    ]) {
      assert.equal(isDossierCode(bad), false, bad);
    }
  });

  it('is written once: no other source file re-types the dossier-code pattern', () => {
    // A copy once required exactly four sequence digits and missed the 10,000th dossier of a day.
    const copies = sources(SRC)
      .filter((f) => !f.endsWith(join('dossier', 'code.ts')))
      .filter((f) => /\\d\{6\}-\\d\{4/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    assert.deepEqual(copies, []);
  });

  it('parses every code it formats back into its parts', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 99_999 }),
        (d, seq) => {
          const date = d.toISOString().slice(0, 10);
          const parts = parseDossierCode(formatDossierCode('000.23.41.H29', date, seq));
          assert.deepEqual(parts, { agencyCode: '000.23.41.H29', date, sequence: seq });
        },
      ),
    );
  });
});

describe('public masking of names', () => {
  it('keeps only the first letter of each word, diacritics included', async () => {
    const { maskName } = await import('./applicant');
    assert.equal(maskName('Đặng Thị Mai'), 'Đ*** T** M**');
    assert.equal(maskName('  Lê   Văn  A '), 'L** V** A**');
  });
});
