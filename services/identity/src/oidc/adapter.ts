import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { OAuthClientEntity } from '../entities';
import type { Repositories } from '../repositories';
import { clientMetadata } from './client-metadata';

/**
 * oidc-provider's storage in PostgreSQL (table identity.oidc_payload). One class per model name;
 * the `Client` model is read from identity.oauth_client (clients registered by administrators),
 * so disabling a client takes effect on its next request.
 */
export function createAdapterClass(repos: Repositories) {
  return class PgAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      if (this.model === 'Client') throw new Error('clients are managed through the management API');
      await repos.oidc.upsert(this.model, id, payload as Record<string, unknown>, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        const row: OAuthClientEntity | null = await repos.clients.byId(id);
        return row && !row.disabledAt ? (clientMetadata(row) as AdapterPayload) : undefined;
      }
      const found = await repos.oidc.find(this.model, id);
      return found
        ? ({ ...found.payload, ...(found.consumed ? { consumed: true } : {}) } as AdapterPayload)
        : undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const found = await repos.oidc.findByUid(this.model, uid);
      return found
        ? ({ ...found.payload, ...(found.consumed ? { consumed: true } : {}) } as AdapterPayload)
        : undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const found = await repos.oidc.findByUserCode(this.model, userCode);
      return found
        ? ({ ...found.payload, ...(found.consumed ? { consumed: true } : {}) } as AdapterPayload)
        : undefined;
    }

    async consume(id: string): Promise<void> {
      await repos.oidc.consume(this.model, id);
    }

    async destroy(id: string): Promise<void> {
      await repos.oidc.destroy(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await repos.oidc.revokeByGrantId(grantId);
    }
  };
}
