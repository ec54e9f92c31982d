import { groupedLoader, keyedLoader } from '../src/loaders';

describe('loaders', () => {
  it('batches all keys of one tick into one fetch and lines results up with keys', async () => {
    const calls: (readonly string[])[] = [];
    const loader = keyedLoader(
      async (keys: readonly string[]) => {
        calls.push(keys);
        return keys
          .filter((k) => k !== 'missing')
          .reverse()
          .map((id) => ({ id, v: id.toUpperCase() }));
      },
      (r) => r.id,
    );
    const out = await Promise.all(['a', 'missing', 'b', 'a'].map((k) => loader.load(k)));
    expect(calls).toEqual([['a', 'missing', 'b']]);
    expect(out).toEqual([{ id: 'a', v: 'A' }, null, { id: 'b', v: 'B' }, { id: 'a', v: 'A' }]);
  });

  it('groups one-to-many rows and gives [] for keys without rows', async () => {
    const loader = groupedLoader(
      async () => [
        { p: '1', n: 1 },
        { p: '2', n: 2 },
        { p: '1', n: 3 },
      ],
      (r) => r.p,
    );
    expect(await loader.loadMany(['1', '2', '3'])).toEqual([
      [
        { p: '1', n: 1 },
        { p: '1', n: 3 },
      ],
      [{ p: '2', n: 2 }],
      [],
    ]);
  });
});
