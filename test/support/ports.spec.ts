import { bindable, ephemeralPortRange, freePortBase } from './ports';

describe('freePortBase', () => {
  const offsets = [0, 1, 2, 3, 4, 5, 10];

  it('gives a base whose ports are all free, outside the ephemeral range and not refused by fetch', async () => {
    const [low, high] = ephemeralPortRange();
    for (let i = 0; i < 20; i++) {
      const base = await freePortBase(offsets);
      const ports = offsets.map((o) => base + o);
      for (const p of ports) expect(p < low || p > high).toBe(true);
      expect(ports.every((p) => p >= 10_000 && p <= 65_535)).toBe(true);
      expect(await Promise.all(ports.map(bindable))).toEqual(offsets.map(() => true));
    }
  });
});
