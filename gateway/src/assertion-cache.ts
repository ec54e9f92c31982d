import type { AssertionSigner, Viewer } from '@mamis/platform';

/**
 * Signed viewer assertions, reused across requests while fresh: one per (subgraph, viewer) for
 * half the assertion's lifetime. Signing (ES256 / EdDSA) was about a tenth of the gateway's CPU per
 * request (W1 profile). An assertion says only who the viewer is, for which subgraph, until when
 * (the request id travels in its own header), so two requests of the same viewer need the same
 * claims; a reused assertion is never older than half its lifetime (≤ 30 s).
 */
export class AssertionCache {
  private readonly entries = new Map<string, { token: Promise<string>; signedAt: number }>();

  constructor(
    private readonly signer: AssertionSigner,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh assertion of `viewer` for the subgraph `audience`. */
  assertionFor(viewer: Viewer, audience: string): Promise<string> {
    const key = `${audience}\n${JSON.stringify(viewer)}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.signedAt < (this.signer.ttlSeconds * 1000) / 2) return hit.token;
    const token = this.signer.sign(viewer, audience);
    const entry = { token, signedAt: now };
    this.entries.delete(key);
    // bounded: the oldest entry (insertion order) goes first
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    // a failed signature is not remembered
    token.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return token;
  }

  get size(): number {
    return this.entries.size;
  }
}
