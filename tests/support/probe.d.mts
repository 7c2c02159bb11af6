export function probePostgres(
  url: string,
  attempts?: number,
  perTryMs?: number,
): Promise<{ ok: boolean; error: string }>;
