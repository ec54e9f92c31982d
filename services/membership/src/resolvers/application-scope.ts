import type { Scope, Viewer } from '@mamis/platform';
import type { MembershipApplicationEntity, MembershipApplicationStepEntity } from '../entities';

/**
 * What a MEMBERSHIP scope (policy.ts) covers of a person's applications:
 * - ALL (the person, a member association): every application;
 * - OWN_ASSOCIATION (a former member association): those with a step at the viewer's association;
 * - THE_APPLICATION (an association applied to): the pending ones with a step there.
 * (The companion of `associationRecordInScope` in platform scopes.ts, for applications.)
 */
export function applicationInScope(
  scope: Scope | undefined,
  app: Pick<MembershipApplicationEntity, 'status'>,
  steps: readonly Pick<MembershipApplicationStepEntity, 'associationId'>[],
  viewer: Viewer,
): boolean {
  const atViewer = () =>
    !!viewer.associationId && steps.some((s) => s.associationId === viewer.associationId);
  switch (scope) {
    case 'ALL':
      return true;
    case 'OWN_ASSOCIATION':
      return atViewer();
    case 'THE_APPLICATION':
      return app.status === 'PENDING' && atViewer();
    default:
      return false;
  }
}
