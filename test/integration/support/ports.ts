import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Ports for servers the tests start. They come from below the kernel's ephemeral range: a port
 * the OS picks (listen on 0) or one inside that range can be taken, between the check and the
 * server's start, by an outgoing connection of a load client or of nginx to its upstreams.
 * A port handed out once is never handed out again in this process.
 */
const LOWEST = 10_000;
const handedOut = new Set<number>();

function ephemeralStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > LOWEST + 1_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** One free port on 127.0.0.1, outside the ephemeral range. */
export async function freePort(): Promise<number> {
  return freePortRange(1);
}

/** `count` consecutive free ports (process instances use basePort + i), outside the ephemeral range. */
export async function freePortRange(count: number): Promise<number> {
  const highest = ephemeralStart() - count;
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = LOWEST + Math.floor(Math.random() * (highest - LOWEST));
    const range = Array.from({ length: count }, (_, i) => base + i);
    if (range.some((port) => handedOut.has(port))) continue;
    const free = await Promise.all(range.map(isFree));
    if (!free.every(Boolean)) continue;
    for (const port of range) handedOut.add(port);
    return base;
  }
  throw new Error(`no ${count} consecutive free ports between ${LOWEST} and ${highest + count}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
