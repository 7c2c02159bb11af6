/** One server of the sample balancer's app backend (deploy/haproxy/haproxy.cfg), as its CSV statistics say. */
export interface BalancedServer {
  status: string;
  /** Retries and redispatches HAProxy made for requests that met this server. */
  wretr: number;
  wredis: number;
}

/** The servers of the `motcua_app` backend, by name (app1…), read from the stats page at `statsUrl`. */
export async function balancedServers(statsUrl: string): Promise<Map<string, BalancedServer>> {
  const csv = await (await fetch(`${statsUrl}/stats;csv`)).text();
  const [head, ...rows] = csv.replace(/^# /, '').trim().split('\n');
  const cols = head!.split(',');
  const at = (name: string) => cols.indexOf(name);
  const out = new Map<string, BalancedServer>();
  for (const line of rows) {
    const c = line.split(',');
    if (c[at('pxname')] !== 'motcua_app' || c[at('svname')] === 'BACKEND') continue;
    out.set(c[at('svname')]!, {
      status: c[at('status')]!,
      wretr: Number(c[at('wretr')] || 0),
      wredis: Number(c[at('wredis')] || 0),
    });
  }
  return out;
}
