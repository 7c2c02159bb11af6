import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  CLOSED_TO_FILES,
  ENDED_WITHOUT_RESULT,
  IN_PROCESSING,
  localDateOf,
  localMidnight,
  OPEN_STATUSES,
  PAUSED_STATUSES,
  statusIn,
} from './lifecycle';
import { DVCQG_STATUS } from './status';

const SRC = join(import.meta.dirname, '..', '..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('dossier lifecycle vocabulary', () => {
  it('names sets of real statuses: open = submitted, in processing or paused; ended sets are not open', () => {
    for (const s of [...OPEN_STATUSES, ...ENDED_WITHOUT_RESULT, ...CLOSED_TO_FILES])
      assert.ok(s in DVCQG_STATUS);
    assert.deepEqual([...OPEN_STATUSES].sort(), [1, ...IN_PROCESSING, ...PAUSED_STATUSES].sort());
    for (const s of [...ENDED_WITHOUT_RESULT, ...CLOSED_TO_FILES])
      assert.equal(statusIn(OPEN_STATUSES, s), false);
  });

  it('is written once: no source file re-types a status set as a literal list', () => {
    const copies = sources(SRC)
      .filter((f) => !f.endsWith(join('dossier', 'lifecycle.ts')))
      .filter((f) =>
        /\[2, 4\]|\[5, 6\]|\[3, 7, (8|10)\]|\[1, 2, 4, 5, 6\]|status\S* in \(\d|status(\.code)? [!=]== [1-9]\b.*status(\.code)? [!=]== [1-9]\b/.test(
          readFileSync(f, 'utf8'),
        ),
      )
      .map((f) => relative(SRC, f));
    assert.deepEqual(copies, []);
  });

  it('reads local dates and midnights in Vietnam time (UTC+7), like the "+07:00" form it replaces', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const date = localDateOf(d);
          assert.equal(date, new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10));
          assert.equal(localMidnight(date).getTime(), new Date(`${date}T00:00:00+07:00`).getTime());
        },
      ),
    );
    assert.equal(Number.isNaN(localMidnight('not a date').getTime()), true);
  });
});
