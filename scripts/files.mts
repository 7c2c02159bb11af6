// `npm run files -- move [--batch 20]` / `npm run files -- verify`
// The operator's tools for stored files (issue 18, decision 0015), on the configured database (DATABASE_URL, or the
// embedded PGlite under MOTCUA_DATA_DIR — then the server must not be running) and file storage (MOTCUA_STORAGE):
// - move: copies every file still held in the database (stored before issue 18) into the file storage, checks each
//   against its SHA-256 and only then empties its database copy; resumable (run it again after any stop). The
//   server's `files.move` job does the same, 500 files every ten minutes.
// - verify: reads every stored object back and compares it with its row's SHA-256; lists what is missing or
//   altered. Exits non-zero when anything is.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/database';
import { moveDatabaseFiles, remainingInDatabase, verifyStoredFiles } from '../src/server/storage/maintenance';
import { openStorage } from '../src/server/storage/storage';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { batch: { type: 'string', default: '20' } },
});
const command = positionals[0];
if (command !== 'move' && command !== 'verify') {
  console.error('usage: npm run files -- move [--batch 20] | verify');
  process.exit(2);
}
const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const database = await openDatabase(config.database);
await database.migrate();
const storage = await openStorage(config.storage);
let failed = false;
try {
  console.log(`storage: ${storage.description}`);
  if (command === 'move') {
    console.log(`files in the database before: ${await remainingInDatabase(database)}`);
    const r = await moveDatabaseFiles(database, storage, { batch: Number(values.batch) });
    console.log(`moved ${r.moved}; still in the database ${r.remaining}`);
    if (r.mismatched.length > 0) {
      failed = true;
      console.error(`bytes not matching their SHA-256 (left in the database): ${r.mismatched.join(', ')}`);
    }
  } else {
    const r = await verifyStoredFiles(database, storage);
    console.log(`checked ${r.checked}; missing ${r.missing.length}; altered ${r.mismatched.length}`);
    for (const id of r.missing) console.error(`missing: ${id}`);
    for (const id of r.mismatched) console.error(`altered: ${id}`);
    failed = r.missing.length + r.mismatched.length > 0;
  }
} finally {
  await storage.close();
  await database.close();
}
process.exit(failed ? 1 : 0);
