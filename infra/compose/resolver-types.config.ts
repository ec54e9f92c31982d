/**
 * Per subgraph: the context its resolvers receive and the parent types (mappers) of the object
 * types whose resolvers read more than the GraphQL fields (an entity, a loader row). Paths are
 * relative to `services/<name>/src/generated/`. Every other object type's parent is a
 * `Partial` of its GraphQL type (`defaultMapper`).
 */
export interface SubgraphResolverTypes {
  contextType: string;
  mappers: Record<string, string>;
}

/** Entities owned by membership: this subgraph's resolvers receive the key only. */
const PERSON_REF = '{ id: string }';
const STATISTICS_REF = '{ associationId: string }';

export const resolverTypesConfig: Record<string, SubgraphResolverTypes> = {
  'insurance-pension': {
    contextType: '../context#InsurancePensionContext',
    mappers: {
      InsuranceEnrolment: '../entities#InsuranceEnrolmentEntity',
      InsuranceStatusChange: '../entities#InsuranceStatusChangeEntity',
      PhysicianPension: '../entities#PensionEnrolmentEntity',
      PensionChange: '../entities#PensionChangeEntity',
      Person: PERSON_REF,
      Statistics: STATISTICS_REF,
    },
  },
};
