import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { foldVietnamese } from '../../src/domain/catalogue/search';
import { queryRows } from '../../src/server/db/database';
import { DEMO_PASSWORD } from '../../src/server/db/seed/demo-data';
import { seedHistory } from '../../src/server/modules/stats/history';
import { Client } from '../support/http';
import { BACKENDS, skipUnlessPostgres, startTestServer, type TestServer } from '../support/server';

interface List {
  items: { id: string; code: string; applicantName: string }[];
  total: number;
  totalExact: boolean;
}

for (const backend of BACKENDS) {
  describe(`dossier search at volume on ${backend}`, { skip: await skipUnlessPostgres(backend) }, () => {
    let s: TestServer;
    let leader: Client;
    before(async () => {
      s = await startTestServer(backend, { MOTCUA_CLOCK_START: '2026-11-20T15:00:00+07:00' });
      await seedHistory(s.database, await s.app.calendar.forOfficeHours(), {
        dossiers: 3000,
        years: 1,
        until: '2026-11-19',
        now: new Date('2026-11-20T15:00:00+07:00'),
        seed: 7,
      });
      leader = await new Client(s.app).login('lanhdao.tinh', DEMO_PASSWORD);
    });
    after(() => s?.close());

    it('stops counting a search matching most dossiers (a province prefix of ID numbers) at 1,000 and says there are more', async () => {
      const [{ n }] = (await s.database.read((db) =>
        queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from dossiers where search_text like '%079%'`,
        ),
      )) as [{ n: number }];
      assert.ok(n > 1000, `${n} dossiers matching 079 seeded`);
      const r = await leader.get<List>('/api/v1/dossiers?q=079&limit=20');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.total, 1000);
      assert.equal(r.body.totalExact, false);
      assert.equal(r.body.items.length, 20);
      // the whole list too: newest first, counted to the cap
      const all = await leader.get<List>('/api/v1/dossiers?limit=20');
      assert.deepEqual([all.body.total, all.body.totalExact, all.body.items.length], [1000, false, 20]);
    });

    it('finds a name typed from the start of its first, second or third word, with or without diacritics, and not from inside a word', async () => {
      const rows = await s.database.read((db) =>
        queryRows<{ id: string; name: string }>(db, sql`select id, applicant_name as name from dossiers`),
      );
      // The rule, computed here on the names themselves: the query begins one of the first three words.
      const expected = (q: string) =>
        rows
          .filter((r) => {
            const words = foldVietnamese(r.name).split(' ');
            return [0, 1, 2].some((i) => i < words.length && words.slice(i).join(' ').startsWith(q));
          })
          .map((r) => r.id)
          .sort();
      const found = async (q: string) => {
        const r = await leader.get<List>(`/api/v1/dossiers?q=${encodeURIComponent(q)}&limit=100`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.items.map((i) => i.id).sort();
      };
      const sample = rows.find((r) => r.name.split(' ').length === 3)!.name; // e.g. "Bùi Hữu Lan"
      const [, middle, given] = sample.split(' ');
      const lastTwo = foldVietnamese(`${middle} ${given}`);
      assert.ok(expected(lastTwo).length > 0);
      assert.deepEqual(await found(`${middle} ${given}`.toUpperCase()), expected(lastTwo));
      assert.deepEqual(await found(lastTwo), expected(lastTwo));
      assert.deepEqual(await found(foldVietnamese(sample)), expected(foldVietnamese(sample)));
      // the full name cut inside its last word still finds it (typed while the officer is typing)
      const partial = foldVietnamese(sample).slice(0, -1);
      assert.ok((await found(partial)).length >= expected(foldVietnamese(sample)).length);
      // newest first, page after page, and with a filter beside the name
      const all = await leader.get<List>(`/api/v1/dossiers?q=${encodeURIComponent(lastTwo)}&limit=100`);
      const paged: string[] = [];
      for (let offset = 0; offset < all.body.items.length; offset += 7) {
        const page = await leader.get<List>(
          `/api/v1/dossiers?q=${encodeURIComponent(lastTwo)}&limit=7&offset=${offset}`,
        );
        assert.equal(page.body.total, all.body.total);
        paged.push(...page.body.items.map((i) => i.id));
      }
      assert.deepEqual(
        paged,
        all.body.items.map((i) => i.id),
      );
      const finished = new Set(
        (
          await s.database.read((db) =>
            queryRows<{ id: string }>(db, sql`select id from dossiers where status = 10`),
          )
        ).map((r) => r.id),
      );
      const returned = await leader.get<List>(
        `/api/v1/dossiers?q=${encodeURIComponent(lastTwo)}&status=10&limit=100`,
      );
      assert.deepEqual(
        returned.body.items.map((i) => i.id).sort(),
        expected(lastTwo).filter((id) => finished.has(id)),
      );
      // from inside a word: the letters occur in names, but no word begins with them
      const inner = lastTwo.slice(1);
      assert.ok(rows.some((r) => foldVietnamese(r.name).includes(inner)));
      assert.deepEqual([await found(inner), expected(inner)], [[], []]);
    });

    it('counts a full name exactly, and a whole dossier code finds that dossier', async () => {
      const [one] = await s.database.read((db) =>
        queryRows<{ name: string; code: string }>(
          db,
          sql`select applicant_name as name, code from dossiers where code is not null order by id limit 1`,
        ),
      );
      const [{ n }] = (await s.database.read((db) =>
        queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from dossiers where applicant_name = ${one!.name}`,
        ),
      )) as [{ n: number }];
      const byName = await leader.get<List>(`/api/v1/dossiers?q=${encodeURIComponent(one!.name)}&limit=100`);
      assert.equal(byName.body.totalExact, true);
      // the name search also matches longer names containing it; never fewer than the exact ones
      assert.ok(byName.body.total >= n && byName.body.total < 1000, `${byName.body.total} for ${n}`);
      const byCode = await leader.get<List>(`/api/v1/dossiers?q=${one!.code.toLowerCase()}`);
      assert.deepEqual(
        { total: byCode.body.total, exact: byCode.body.totalExact, code: byCode.body.items[0]?.code },
        { total: 1, exact: true, code: one!.code },
      );
    });

    it('counts each worklist tab as its list does, up to 1,000, and says which tabs hold more', async () => {
      const tabs = async () => {
        const r = await leader.get<{ counts: Record<string, number>; more: string[] }>(
          '/api/v1/dossiers/worklists',
        );
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body;
      };
      const listed = async (list: string) => {
        const r = await leader.get<List>(`/api/v1/dossiers?list=${list}&limit=1`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return [r.body.total, r.body.totalExact] as const;
      };
      const before = await tabs();
      assert.deepEqual(before.more, []);
      for (const [list, n] of Object.entries(before.counts))
        assert.deepEqual(await listed(list), [n, true], list);
      assert.ok(before.counts.overdue! < 1000, `${before.counts.overdue} overdue seeded`);
      // A backlog: 1,200 finished dossiers of the province put back in processing, long past their due dates.
      await s.database.tx((db) =>
        db.execute(
          sql`update dossiers set status = 4, ended_at = null where id in (
                select id from dossiers where status = 10 and due_at < '2026-11-01' order by id limit 1200)`,
        ),
      );
      const after = await tabs();
      assert.equal(after.counts.overdue, 1000);
      assert.ok(after.more.includes('overdue') && after.more.includes('at-risk'), JSON.stringify(after));
      assert.deepEqual(await listed('overdue'), [1000, false]);
      // tabs the backlog does not touch keep their exact counts
      assert.equal(after.counts.check, before.counts.check);
      assert.equal(after.counts['to-return'], before.counts['to-return']);
    });
  });
}
