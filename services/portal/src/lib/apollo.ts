import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  type FieldPolicy,
  type TypePolicies,
} from '@apollo/client';
import { OperationTypeNode } from 'graphql';
import { Observable, type Subscription } from 'rxjs';
import { actionOf, type ApiError } from './error-actions';

/**
 * The pagination convention of the MAMIS API: a list that can be long is a connection
 * `{ nodes, pageInfo { hasNextPage endCursor }, totalCount }` taken with `first` and `after`
 * (an opaque cursor). This field policy keeps one list per filter (`keyArgs`) and appends a page
 * fetched with `after` (fetchMore) to the pages already in the cache.
 */
interface Connection {
  nodes: unknown[];
  pageInfo?: unknown;
  totalCount?: number;
}
export function connectionPolicy(keyArgs: string[]): FieldPolicy<Connection> {
  return {
    keyArgs,
    merge(existing, incoming, { args }) {
      if (!existing || !args?.after) return incoming;
      return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
    },
  };
}

// Apollo Client 4: defaults that change result types are declared for the type checker too
// (its documented way is namespace merging)
/* eslint-disable @typescript-eslint/no-namespace */
declare module '@apollo/client' {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
      interface Mutate {
        errorPolicy: 'all';
      }
    }
  }
}
/* eslint-enable @typescript-eslint/no-namespace */

/** The portal's cache: connections, and the types without an `id` that belong to their parent. */
export const typePolicies: TypePolicies = {
  Query: {
    fields: {
      people: connectionPolicy(['search']),
    },
  },
  Association: {
    fields: {
      members: connectionPolicy(['filter']),
    },
  },
  // records without an id of their own: kept inside the object that holds them
  CertificateVerification: { keyFields: false },
  ResponsibleParty: { keyFields: false },
  AccessLogEntry: { keyFields: false },
  TrainingSummary: { keyFields: false },
};

export interface ClientOptions {
  gatewayUrl: string;
  /** The current access token, or null (anonymous: only public fields answer). */
  accessToken(): Promise<string | null>;
  /** Called with the HTTP status when the gateway refuses the token (401) or the terms (403). */
  onAuthProblem?(status: number, code: string | undefined): void;
}

/** How often, and after how long, a query answered "retry later" is asked again. */
export const RETRY_LATER_DELAYS_MS = [400, 1_500] as const;

/**
 * The client kit's RETRY_LATER: a query answered only with retry-later errors (UNAVAILABLE: a
 * service too slow or unreachable; RATE_LIMITED) is asked again after a short wait, at most
 * `RETRY_LATER_DELAYS_MS.length` times; the last answer is what the page gets. Mutations are never
 * repeated here (the page decides, with its idempotency key), and an answer with any other error is
 * passed on at once.
 */
export function retryLaterLink(delaysMs: readonly number[] = RETRY_LATER_DELAYS_MS): ApolloLink {
  return new ApolloLink((operation, forward) => {
    if (operation.operationType !== OperationTypeNode.QUERY) return forward(operation);
    return new Observable((observer) => {
      let inner: Subscription | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const attempt = (n: number) => {
        let retrying = false;
        inner = forward(operation).subscribe({
          next(result) {
            const errors = (result.errors ?? []) as readonly ApiError[];
            const retryLater = errors.length > 0 && errors.every((e) => actionOf(e) === 'RETRY_LATER');
            if (retryLater && n < delaysMs.length) {
              retrying = true;
              timer = setTimeout(() => attempt(n + 1), delaysMs[n]);
              return;
            }
            observer.next(result);
          },
          error(err: unknown) {
            if (!retrying) observer.error(err);
          },
          complete() {
            if (!retrying) observer.complete();
          },
        });
      };
      attempt(0);
      return () => {
        clearTimeout(timer);
        inner?.unsubscribe();
      };
    });
  });
}

/** Apollo Client for the gateway: the token on every request, errors and partial data kept. */
export function createApolloClient(opts: ClientOptions): ApolloClient {
  const authFetch: typeof fetch = async (input, init) => {
    const token = await opts.accessToken();
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    const res = await fetch(input, { ...init, headers });
    if ((res.status === 401 || res.status === 403) && opts.onAuthProblem) {
      const body = (await res
        .clone()
        .json()
        .catch(() => undefined)) as { errors?: { extensions?: { code?: string } }[] } | undefined;
      const code = body?.errors?.[0]?.extensions?.code;
      if (res.status === 401 || code === 'TERMS_NOT_ACCEPTED') opts.onAuthProblem(res.status, code);
    }
    return res;
  };
  return new ApolloClient({
    link: ApolloLink.from([retryLaterLink(), new HttpLink({ uri: opts.gatewayUrl, fetch: authFetch })]),
    cache: new InMemoryCache({ typePolicies }),
    defaultOptions: {
      // a field the viewer may not read is null with FORBIDDEN: keep the rest of the answer
      watchQuery: { errorPolicy: 'all', fetchPolicy: 'cache-and-network' },
      query: { errorPolicy: 'all' },
      mutate: { errorPolicy: 'all' },
    },
  });
}
