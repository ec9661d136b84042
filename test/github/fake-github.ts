/**
 * A real HTTP server on loopback that answers like api.github.com for the routes a test
 * registers. Every body registered through `route` is checked against GitHub's OpenAPI
 * description before it can be served; `corrupt` is the one deliberate way around that.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertValidResponse } from './openapi.js';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler =
  | { kind: 'reply'; replies: Reply[] } // replies[i] answers page i+1
  | { kind: 'raw'; status: number; contentType: string; text: string }
  | { kind: 'hang' }
  | { kind: 'stall-body' };

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

function templateToRegExp(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

export class FakeGitHub {
  readonly seen: Seen[] = [];
  private readonly routes: { method: string; template: string; concrete: RegExp; handler: Handler }[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly token: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    // Hung requests keep their sockets open; close them or close() never returns.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /**
   * Serves `replies` at the concrete `path` of operation `method template`; with several,
   * reply i answers `?page=i+1` and carries a Link header to the next page, as GitHub does.
   */
  route(method: string, template: string, path: string, ...replies: Reply[]): this {
    for (const r of replies) assertValidResponse(method, template, r.status, r.body);
    return this.add(method, template, path, { kind: 'reply', replies });
  }

  /** Serves a body that is deliberately not GitHub's: only for the malformed-body fault test. */
  corrupt(method: string, template: string, path: string, status: number, contentType: string, text: string): this {
    return this.add(method, template, path, { kind: 'raw', status, contentType, text });
  }

  /** Accepts the request and never answers: for the timeout test. */
  hang(method: string, template: string, path: string): this {
    return this.add(method, template, path, { kind: 'hang' });
  }

  /** Sends 200 headers and the start of a body, then nothing: a connection that dies mid-answer. */
  stallBody(method: string, template: string, path: string): this {
    return this.add(method, template, path, { kind: 'stall-body' });
  }

  private add(method: string, template: string, path: string, handler: Handler): this {
    this.routes.push({ method, template, concrete: templateToRegExp(path), handler });
    return this;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const seen: Seen = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
    };
    this.seen.push(seen);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    // Like GitHub: a request without our token is refused before routing.
    if (req.headers.authorization !== `token ${this.token}`) {
      send(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const route = this.routes.find((r) => r.method === req.method && r.concrete.test(url.pathname));
    if (!route) {
      send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const { handler } = route;
    if (handler.kind === 'hang') return;
    if (handler.kind === 'stall-body') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.write('[{"id": 1, ');
      return;
    }
    if (handler.kind === 'raw') {
      res.writeHead(handler.status, { 'content-type': handler.contentType });
      res.end(handler.text);
      return;
    }
    const page = Number(url.searchParams.get('page') ?? '1');
    const reply = handler.replies[page - 1];
    if (!reply) {
      // A test asked for a page it did not register: make that loud rather than invent a body.
      send(404, { message: `fake GitHub: no page ${page} registered`, documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const headers = { ...reply.headers };
    if (page < handler.replies.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      const last = new URL(url);
      last.searchParams.set('page', String(handler.replies.length));
      headers['link'] = `<${next.href}>; rel="next", <${last.href}>; rel="last"`;
    }
    send(reply.status, reply.body, headers);
  }
}
