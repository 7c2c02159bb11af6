import { existsSync, readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { Field, ProcedureCode, ProcedureContent } from '../../../domain/catalogue/procedure';
import { insertProcedure } from '../../modules/catalogue/versions';
import type { Database } from '../database';
import { agencies, agencyProcedures, appMeta, auditLog, fields, procedures } from '../schema';

/** The researched catalogue seed (real procedures with their sources): seed/catalogue/procedures.json. */
export const CATALOGUE_SEED = new URL('./catalogue/procedures.json', import.meta.url);

const SeedProcedure = ProcedureContent.omit({ fieldCode: true, eform: true, supplementMode: true }).extend({
  code: ProcedureCode,
  fieldCode: z.string(),
  source: z.object({ url: z.string(), retrieved: z.string(), publication: z.string().nullable().optional() }),
  notes: z.string().nullable().optional(),
});
const SeedFile = z.object({ fields: z.array(Field), procedures: z.array(SeedProcedure) });
export type SeedFile = z.infer<typeof SeedFile>;

/** E-forms of seeded procedures (fields of the real declaration forms, with sources): seed/catalogue/eforms.json. */
export const EFORM_SEED = new URL('./catalogue/eforms.json', import.meta.url);
const EformSeed = z.object({
  eforms: z.array(z.object({ code: ProcedureCode, form: z.string(), fields: ProcedureContent.shape.eform })),
});
export function readEformSeed(url: URL = EFORM_SEED): Map<string, ProcedureContent['eform']> {
  if (!existsSync(url)) return new Map();
  const parsed = EformSeed.parse(JSON.parse(readFileSync(url, 'utf8')));
  return new Map(parsed.eforms.map((e) => [e.code, e.fields]));
}

interface Log {
  info(msg: string): void;
}

/** Loads and validates the seed file; throws with the offending entry when it is malformed. */
export function readCatalogueSeed(url: URL = CATALOGUE_SEED): SeedFile | null {
  if (!existsSync(url)) return null;
  const parsed = SeedFile.safeParse(JSON.parse(readFileSync(url, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`catalogue seed is invalid at ${i?.path.join('.')}: ${i?.message}`);
  }
  return parsed.data;
}

/**
 * Seeds the catalogue once per database: the fields and procedures of the seed file, each as version 1
 * in effect from 1 July 2025 (the 2025 regime) with its source recorded; with demo data, every demo
 * commune adopts the commune-level procedures and the province the province-level ones.
 */
export async function seedCatalogue(database: Database, now: Date, log: Log, seed = readCatalogueSeed()) {
  if (!seed) return false;
  const done = await database.read((db) =>
    db.select().from(appMeta).where(eq(appMeta.key, 'catalogue_seeded_at')),
  );
  if (done.length > 0) return false;
  await database.tx(async (db) => {
    for (const f of seed.fields) {
      await db
        .insert(fields)
        .values({ ...f, createdAt: now, updatedAt: now })
        .onConflictDoNothing();
    }
    const known = new Set((await db.select({ code: procedures.code }).from(procedures)).map((p) => p.code));
    const created: { id: string; level: string }[] = [];
    const eforms = readEformSeed();
    for (const p of seed.procedures) {
      if (known.has(p.code)) continue;
      const { code, source, notes, ...content } = p;
      const row = await insertProcedure(
        db,
        now,
        code,
        ProcedureContent.parse({ ...content, eform: eforms.get(code) ?? [] }),
        {
          effectiveFrom: '2025-07-01',
          decisionId: null,
          source: { ...source, notes: notes ?? null },
        },
      );
      created.push({ id: row.id, level: p.level });
    }
    const ags = await db.select().from(agencies);
    for (const a of ags) {
      const mine = created.filter((c) => c.level === a.level);
      if (mine.length > 0) {
        await db
          .insert(agencyProcedures)
          .values(
            mine.map((c) => ({ agencyId: a.id, procedureId: c.id, committedTime: null, createdAt: now })),
          )
          .onConflictDoNothing();
      }
    }
    await db.insert(appMeta).values({ key: 'catalogue_seeded_at', value: now.toISOString() });
    await db.insert(auditLog).values({
      at: now,
      action: 'catalogue.seeded',
      entity: 'system',
      data: { procedures: created.length },
    });
  });
  log.info(
    `Seeded the procedure catalogue: ${seed.fields.length} fields, ${seed.procedures.length} procedures.`,
  );
  return true;
}
