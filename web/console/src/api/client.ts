/**
 * The case API from the browser, typed from the OpenAPI document of the contracts
 * (`npm run console:api-types` writes schema.d.ts): no response type is written by hand here.
 * Every answer that is not 2xx becomes an ApiProblem carrying the problem+json body.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export type Paths = paths;
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type CaseQueuePage = Json<paths['/v1/cases']['get']['responses'][200]>;
export type QueueRow = CaseQueuePage['items'][number];
export type CaseDetail = Json<paths['/v1/cases/{complaintId}']['get']['responses'][200]>;
export type CaseQueueQuery = NonNullable<paths['/v1/cases']['get']['parameters']['query']>;

export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly { path: string; message: string }[];
  readonly [extra: string]: unknown;
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

export type CaseApi = ReturnType<typeof createCaseApi>;

export function createCaseApi(options: {
  baseUrl: string;
  token: () => string | undefined;
  /** The API refused the token: the session has ended. */
  onUnauthenticated: () => void;
}) {
  const client = createClient<paths>({ baseUrl: options.baseUrl || window.location.origin });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.token();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthenticated();
      return response;
    },
  };
  client.use(auth);
  return client;
}

/** The answer's data, or an ApiProblem: lets TanStack Query see failures as errors. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const body = (result.error ?? {}) as Partial<Problem>;
  throw new ApiProblem({ ...body, status: result.response.status });
}
