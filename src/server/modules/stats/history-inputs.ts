/**
 * What the history generator (`history.ts`) draws from: a small seeded PRNG, the Vietnamese name lists for
 * applicants, and the agencies (with their staff and on-time mix) and commune procedures (weighted so a few
 * dominate) read from the database.
 */
import { sql } from 'drizzle-orm';
import type { ProcedureContent } from '../../../domain/catalogue/procedure';
import type { Actor } from '../../../domain/dossier/events';
import { type Database, queryRows } from '../../db/database';

/** Small deterministic PRNG (mulberry32), so a seed reproduces a history. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
];
export const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thanh', 'Hữu', 'Đức', 'Thu', 'Quốc', 'Gia'];
export const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hoa',
  'Hùng',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Phúc',
  'Quân',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
];

export interface Agency {
  id: string;
  code: string;
  lateShare: number;
  earlyShare: number;
  reception: Actor[];
  specialists: Actor[];
  leaders: Actor[];
}
export interface Proc {
  id: string;
  versionId: string;
  fieldCode: string;
  content: ProcedureContent;
  weight: number;
}

export async function load(database: Database, rnd: () => number, only?: string[]) {
  return database.read(async (db) => {
    const agencies = await queryRows<{ id: string; code: string; level: string; name: string }>(
      db,
      sql`select id, code, level, name from agencies where active order by code`,
    );
    const users = await queryRows<{ id: string; name: string; agencyId: string; roles: string[] }>(
      db,
      sql`select id, full_name as name, agency_id as "agencyId", roles from users where active and agency_id is not null order by username`,
    );
    const procsById = await queryRows<{
      id: string;
      code: string;
      versionId: string;
      fieldCode: string;
      content: ProcedureContent;
    }>(
      db,
      sql`select distinct on (p.id) p.id, p.code, v.id as "versionId", v.field_code as "fieldCode", v.content
          from procedures p join procedure_versions v on v.procedure_id = p.id
          where p.abolished_on is null and v.level = 'commune' order by p.id, v.version_no desc`,
    );
    // In the catalogue's order (codes), not the ids' (random uuids): the same seed gives the same history.
    const procs = procsById.sort((a, b) => a.code.localeCompare(b.code));
    const communes = agencies.filter((a) => a.level === 'commune');
    const chosen = only
      ? agencies.filter((a) => only.includes(a.code))
      : communes.length > 0
        ? communes
        : agencies;
    const list: Agency[] = chosen.map((a, i) => {
      const staff = (role: string) =>
        users
          .filter((u) => u.agencyId === a.id && u.roles.includes(role))
          .map((u): Actor => ({ id: u.id, name: u.name, agencyId: a.id }));
      const fallback: Actor[] = [{ id: null, name: 'Cán bộ', agencyId: a.id }];
      const reception = staff('reception');
      const specialists = staff('specialist');
      const leaders = staff('leader');
      return {
        id: a.id,
        code: a.code,
        // the first commune is a good one; the others drift later
        lateShare: i === 0 ? 0.03 : 0.06 + rnd() * 0.14,
        earlyShare: i === 0 ? 0.22 : 0.1 + rnd() * 0.15,
        reception: reception.length ? reception : fallback,
        specialists: specialists.length ? specialists : reception.length ? reception : fallback,
        leaders: leaders.length ? leaders : fallback,
      };
    });
    // A few procedures dominate (Zipf-like weights in a random order).
    const order = procs.map((p) => ({ p, k: rnd() })).sort((a, b) => a.k - b.k);
    const procList: Proc[] = order.map(({ p }, i) => ({ ...p, weight: 1 / (i + 1) }));
    return { agencies: list, procs: procList };
  });
}

export function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}
