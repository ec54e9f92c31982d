import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fetchRefusedPorts } from '../../infra/dev/ports';

/** Whether 127.0.0.1:port can be bound right now. */
export function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/**
 * The range the OS hands out for port 0 and for the local end of outgoing connections
 * (Linux: /proc/sys/net/ipv4/ip_local_port_range; elsewhere the IANA dynamic range).
 */
export function ephemeralPortRange(): [low: number, high: number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low! > 0 && high! >= low!) return [low!, high!];
  } catch {
    /* not Linux */
  }
  return [49_152, 65_535];
}

/**
 * A base port such that base + each offset is free now, for a program that must be given fixed
 * ports (`npm start`: MAMIS_PORT_BASE). Bases are drawn at random from 10000 up to the OS's
 * ephemeral range: a port the OS may hand out meanwhile to anyone's port-0 server or outgoing
 * connection is never chosen, two runs at once rarely draw the same base, and a drawn base whose
 * ports are not all free (or that fetch would refuse) is skipped. Still a moment passes between
 * this check and the program binding: callers retry on "address in use".
 */
export async function freePortBase(offsets: readonly number[]): Promise<number> {
  const [ephemeralLow, ephemeralHigh] = ephemeralPortRange();
  const span = Math.max(...offsets);
  const ranges = [
    [10_000, ephemeralLow - 1 - span],
    [ephemeralHigh + 1, 65_535 - span],
  ].filter(([lo, hi]) => hi! - lo! > 100) as [number, number][];
  if (!ranges.length) throw new Error('no port range outside the ephemeral range');
  for (let attempt = 0; attempt < 100; attempt++) {
    const [lo, hi] = ranges[Math.floor(Math.random() * ranges.length)]!;
    const base = lo + Math.floor(Math.random() * (hi - lo + 1));
    const ports = offsets.map((o) => base + o);
    if (fetchRefusedPorts(ports).length) continue;
    if ((await Promise.all(ports.map(bindable))).every(Boolean)) return base;
  }
  throw new Error('no free port range found');
}
