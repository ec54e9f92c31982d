import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { parse } from 'graphql';
import { Observable } from 'rxjs';
import { retryLaterLink } from './apollo';

/** A gateway stand-in: answers each request with the next of `answers` (the last one repeated). */
function answering(answers: object[]) {
  const seen: string[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        seen.push(operation.operationName ?? '');
        observer.next(answers[Math.min(seen.length - 1, answers.length - 1)] as never);
        observer.complete();
      }),
  );
  return { link, seen };
}

const unavailable = {
  data: { person: null },
  errors: [{ message: '混み合っています', path: ['person'], extensions: { code: 'UNAVAILABLE' } }],
};
const answered = { data: { person: { __typename: 'Person', id: 'p1', familyName: '山田' } } };
const forbidden = {
  data: { person: null },
  errors: [{ message: 'no', path: ['person'], extensions: { code: 'FORBIDDEN' } }],
};
// plain documents (not for the portal's codegen: these operations are the stand-in's own)
const Person = parse('query Person { person(id: "p1") { id familyName } }');
const Touch = parse('mutation Touch { touch }');

const clientOver = (terminal: ApolloLink) =>
  new ApolloClient({
    link: ApolloLink.from([retryLaterLink([1, 1]), terminal]),
    cache: new InMemoryCache(),
    defaultOptions: {
      watchQuery: { errorPolicy: 'all' },
      query: { errorPolicy: 'all' },
      mutate: { errorPolicy: 'all' },
    },
  });

describe('retryLaterLink', () => {
  it('asks a query again when the answer says retry later, and gives the page the answer that came', async () => {
    const gateway = answering([unavailable, unavailable, answered]);
    const result = await clientOver(gateway.link).query({ query: Person, fetchPolicy: 'network-only' });
    expect(gateway.seen).toEqual(['Person', 'Person', 'Person']);
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ person: { __typename: 'Person', id: 'p1', familyName: '山田' } });
  });

  it('stops after its delays and passes the last retry-later answer on', async () => {
    const gateway = answering([unavailable]);
    const result = await clientOver(gateway.link).query({ query: Person, fetchPolicy: 'network-only' });
    expect(gateway.seen).toHaveLength(3);
    expect(result.error).toBeDefined();
  });

  it('passes any other error on at once, and never repeats a mutation', async () => {
    const refused = answering([forbidden]);
    await clientOver(refused.link).query({ query: Person, fetchPolicy: 'network-only' });
    expect(refused.seen).toHaveLength(1);
    const write = answering([{ data: null, errors: unavailable.errors }]);
    await clientOver(write.link).mutate({ mutation: Touch });
    expect(write.seen).toEqual(['Touch']);
  });
});
