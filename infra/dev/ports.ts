/**
 * The ports the WHATWG Fetch standard calls "bad ports" (https://fetch.spec.whatwg.org/#port-blocking):
 * Node's fetch (undici) refuses them without connecting (`TypeError: fetch failed`, cause
 * `bad port`). The services reach each other with fetch (the gateway its subgraphs, identity the
 * consent subgraph, readiness probes), so none of them may listen on one.
 */
export const FETCH_BAD_PORTS: readonly number[] = [
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
];

const BAD = new Set(FETCH_BAD_PORTS);

/** The ports of `ports` that fetch refuses, in their order. */
export function fetchRefusedPorts(ports: readonly number[]): number[] {
  return ports.filter((p) => BAD.has(p));
}
