import type { AccessLogEntryResolvers } from '../generated/resolver-types';

/**
 * The client's operation name: the gateway's query planner names a subgraph fetch
 * `<operation>__<subgraph>__<n>`, and that is what the subgraph recorded.
 */
export function clientOperationName(operation: string | null, service: string): string | null {
  if (!operation) return null;
  const suffix = new RegExp(`__${service.replace(/[^A-Za-z0-9_]/g, '_')}__\\d+$`);
  return operation.replace(suffix, '') || null;
}

/** The other fields are the row's own columns (see AccessLogRepository). */
export const accessLogEntryResolvers: AccessLogEntryResolvers = {
  association: (e, _, ctx) =>
    e.viewerAssociation ? ctx.loaders.associationById.load(e.viewerAssociation) : null,

  actorName: async (e, _, ctx) =>
    e.actor ? ((await ctx.loaders.accountNameById.load(e.actor))?.displayName ?? null) : null,

  operation: (e) => clientOperationName(e.operation, e.service),

  checkpoint: (e) =>
    e.checkpointId === null
      ? null
      : {
          id: e.checkpointId,
          entryCount: Number(e.checkpointSize),
          // a checkpoint's columns are NOT NULL: with checkpointId (the join found one) all are set
          headSequence: e.checkpointHeadSeq!,
          headHash: e.checkpointHeadHash!,
          signedAt: new Date(e.checkpointAt!),
          signedAtText: e.checkpointAt!,
          keyId: e.checkpointKeyId!,
          signature: e.checkpointSig!,
        },
};
