/**
 * A stand-in for the API: `mockApi({ 'GET /api/v1/rounds': body })` answers each call with the
 * handler for its method and path (a body, or a function of the request returning one), and keeps
 * every request for assertions. Unknown routes answer 404 problem+json, as the API would.
 */
import { vi } from 'vitest';

export interface MockReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = MockReply | ((request: Request) => MockReply | Promise<MockReply>);

export function json(body: unknown, status = 200): MockReply {
  return { status, body };
}

export function problem(
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
): MockReply {
  return {
    status,
    body: {
      type: 'about:blank',
      title: 'Error',
      status,
      detail,
      code: 'test',
      request_id: 'r1',
      ...extra,
    },
  };
}

export function mockApi(handlers: Record<string, Handler>) {
  const requests: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    requests.push(request.clone());
    const url = new URL(request.url);
    const handler = handlers[`${request.method} ${url.pathname}`];
    const reply: MockReply = handler
      ? typeof handler === 'function'
        ? await handler(request)
        : handler
      : problem(404, `no mock for ${request.method} ${url.pathname}`);
    const status = reply.status ?? 200;
    const isProblem = status >= 400;
    return new Response(
      status === 204 || reply.body === undefined ? null : JSON.stringify(reply.body),
      {
        status,
        headers: {
          'Content-Type': isProblem ? 'application/problem+json' : 'application/json',
          ...reply.headers,
        },
      },
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, requests };
}
