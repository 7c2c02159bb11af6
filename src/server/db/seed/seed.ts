import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DEFAULT_OFFICE_HOURS } from '../../../domain/agency/agency';
import { hashPassword } from '../../modules/auth/password';
import { hasSystemAdmin } from '../../modules/users/users.service';
import type { Database } from '../database';
import { agencies, appMeta, auditLog, queueCounters, users } from '../schema';
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

interface Log {
  info(msg: string): void;
  warn(msg: string): void;
}

/**
 * First start: creates the system administrator `admin` (role `sysadmin`, no agency) with
 * MOTCUA_ADMIN_PASSWORD, or with a random password printed once to the log. Does nothing once a
 * system administrator exists.
 */
export async function ensureAdmin(database: Database, now: Date, password: string | undefined, log: Log) {
  if (await database.read(hasSystemAdmin)) return;
  const generated = password === undefined;
  const pw = password ?? randomBytes(12).toString('base64url');
  const hash = await hashPassword(pw);
  await database.tx(async (db) => {
    if (await hasSystemAdmin(db)) return;
    const [u] = await db
      .insert(users)
      .values({
        username: 'admin',
        fullName: 'Quản trị hệ thống',
        passwordHash: hash,
        roles: ['sysadmin'],
        agencyId: null,
        verifiedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!u) throw new Error('A user named "admin" exists but is not a system administrator; fix it by hand.');
    await db.insert(auditLog).values({ at: now, action: 'user.created', entity: 'user', entityId: u.id });
  });
  if (generated) {
    log.warn(
      `Created the administrator account "admin" with the password: ${pw}\n` +
        'It is shown only this once: sign in and change it, or set MOTCUA_ADMIN_PASSWORD before the first start.',
    );
  } else {
    log.info('Created the administrator account "admin" with the password from MOTCUA_ADMIN_PASSWORD.');
  }
}

/** Seeds the demo agencies and one account per role, once per database. */
export async function seedDemo(database: Database, now: Date, log: Log): Promise<boolean> {
  const done = await database.read((db) =>
    db.select().from(appMeta).where(eq(appMeta.key, 'demo_seeded_at')),
  );
  if (done.length > 0) return false;
  // Demo accounts share one password, so one hash serves them all.
  const hash = await hashPassword(DEMO_PASSWORD);
  await database.tx(async (db) => {
    const ids = new Map<string, string>();
    for (const a of DEMO_AGENCIES) {
      const existing = (await db.select().from(agencies).where(eq(agencies.code, a.code)))[0];
      if (existing) {
        ids.set(a.key, existing.id);
        continue;
      }
      const [row] = await db
        .insert(agencies)
        .values({
          parentId: a.parent ? (ids.get(a.parent) ?? null) : null,
          code: a.code,
          name: a.name,
          level: a.level,
          address: a.address,
          phone: a.phone,
          officeHours: DEFAULT_OFFICE_HOURS,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      ids.set(a.key, row!.id);
    }
    for (const u of DEMO_USERS) {
      await db
        .insert(users)
        .values({
          username: u.username,
          fullName: u.fullName,
          roles: u.roles,
          agencyId: u.agency ? (ids.get(u.agency) ?? null) : null,
          phone: u.phone,
          passwordHash: hash,
          verifiedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing();
    }
    // Two counters at Phường Sài Gòn's desk for the queue (kiosk, calling, display board, appointments).
    await db
      .insert(queueCounters)
      .values(
        [
          { number: 1, name: 'Quầy Hộ tịch – Chứng thực', fieldCodes: ['HT', 'CT'], appointmentCapacity: 2 },
          { number: 2, name: 'Quầy tổng hợp', fieldCodes: [], appointmentCapacity: 1 },
        ].map((c) => ({ ...c, agencyId: ids.get('saigon')!, createdAt: now, updatedAt: now })),
      )
      .onConflictDoNothing();
    await db.insert(appMeta).values({ key: 'demo_seeded_at', value: now.toISOString() });
    await db.insert(auditLog).values({ at: now, action: 'demo.seeded', entity: 'system' });
  });
  log.info(`Seeded demo data: ${DEMO_AGENCIES.length} agencies, ${DEMO_USERS.length} accounts (see README).`);
  return true;
}
