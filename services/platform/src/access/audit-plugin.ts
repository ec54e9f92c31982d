import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { writeAuditBatch } from '../audit';
import { ErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { AccessAwareContext } from './shield';

/**
 * After each operation, append what it read of other people's data to the audit trail in ONE
 * statement. Fail closed: when the audit cannot be written, the data is not delivered.
 */
export function auditPlugin<C extends BaseContext & AccessAwareContext & { requestId: string }>(
  service: string,
  dataSource: DataSource,
  log: Logger,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          const reads = contextValue.access?.reads;
          if (!reads || reads.size === 0) return;
          try {
            await writeAuditBatch(
              dataSource,
              {
                requestId: contextValue.requestId,
                service,
                operation: operationName,
                viewer: contextValue.viewer,
              },
              reads.values(),
            );
          } catch (err) {
            log.error(
              { err: (err as Error).message, requestId: contextValue.requestId },
              'audit write failed: response withheld',
            );
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL } }],
              },
            };
          }
        },
      };
    },
  };
}
