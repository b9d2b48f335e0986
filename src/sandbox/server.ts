// The HTTPS front: routing, bearer-token authentication, RBAC authorization, faults and non-resource endpoints.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { apiGroupDoc, apiGroupList, apiResourceList, apiVersions, VERSION } from './discovery';
import type { FaultSettings } from './faults';
import { type ApiContext, handleResource, type ResourceRequest } from './handlers';
import { openapiDocument, openapiIndex } from './openapi';
import { openapiV2 } from './openapi-v2';
import { decodeProtobuf } from './protobuf';
import { authorize } from './rbac';
import { findResource } from './resources';
import { ApiError, errors, forbidden } from './status';
import { serviceAccountUser, type TokenAuthority } from './tokens';
import type { RequestAttributes, ResourceDef, UserInfo } from './types';

const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

interface Route {
  def: ResourceDef;
  namespace?: string;
  name?: string;
  subresource?: string;
}

function parseRoute(parts: string[]): Route | undefined {
  let group = '';
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') {
    version = 'v1';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] ?? '';
    version = parts[2] ?? '';
    rest = parts.slice(3);
  } else return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const def = findResource(group, version, rest[2] ?? '');
    if (def?.namespaced) return { def, namespace: rest[1], name: rest[3], subresource: rest[4] };
  }
  const def = findResource(group, version, rest[0] ?? '');
  if (!def || rest.length > 3) return undefined;
  // A namespace is its own namespace for authorization, as in kube-apiserver's RequestInfo.
  return { def, name: rest[1], subresource: rest[2], namespace: def.plural === 'namespaces' ? rest[1] : undefined };
}

function verbOf(method: string, route: Route, query: URLSearchParams): string {
  const watch = query.get('watch') === 'true' || query.get('watch') === '1';
  switch (method) {
    case 'GET':
      return route.name ? 'get' : watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name ? 'delete' : 'deletecollection';
    default:
      throw errors.methodNotAllowed();
  }
}

/**
 * go-restful registers per path only the methods a resource serves (collection: GET, POST, DELETE; item: GET,
 * PUT, PATCH, DELETE), so any other method answers 405 MethodNotAllowed after authorization.
 */
function allowMethod(method: string, route: Route, verb: string): void {
  const sub = route.subresource;
  if (sub && !route.def.subresources?.[sub]) throw errors.pathNotFound();
  const served = sub ? (route.def.subresources?.[sub] ?? []) : route.def.verbs;
  const itemOnly = ['PUT', 'PATCH'].includes(method) && !route.name;
  const collectionOnly = method === 'POST' && route.name && !route.subresource;
  if (itemOnly || collectionOnly || !served.includes(verb)) throw errors.methodNotAllowed();
}

function discovery(path: string, parts: string[], host: string): string | undefined {
  if (path === '/version' || path === '/version/') return JSON.stringify(VERSION);
  if (path === '/api') return JSON.stringify(apiVersions(host));
  if (path === '/apis') return JSON.stringify(apiGroupList());
  if (path === '/api/v1') return JSON.stringify(apiResourceList('v1'));
  if (parts[0] === 'apis' && parts.length === 2) return JSON.stringify(apiGroupDoc(parts[1] ?? '') ?? null);
  if (parts[0] === 'apis' && parts.length === 3)
    return JSON.stringify(apiResourceList(`${parts[1]}/${parts[2]}`) ?? null);
  if (path === '/openapi/v3') return openapiIndex();
  if (path.startsWith('/openapi/v3/')) return openapiDocument(path.slice('/openapi/v3/'.length));
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const raw = Buffer.concat(chunks);
  if ((req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf')) return decodeProtobuf(raw);
  const text = raw.toString('utf8');
  try {
    // An apply patch is YAML (kubectl sends JSON, which YAML also reads).
    if ((req.headers['content-type'] ?? '').startsWith('application/apply-patch+yaml')) return parseYaml(text);
    return JSON.parse(text);
  } catch (error) {
    throw errors.badRequest(`the object provided is unrecognized or malformed: ${(error as Error).message}`);
  }
}

function send(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json), ...headers });
  res.end(json);
}

export interface ServerDeps extends ApiContext {
  tokens: TokenAuthority;
}

/** The request listener for node:https. */
export function createHandler(deps: ServerDeps) {
  const { faults } = deps;

  function authenticate(req: IncomingMessage): UserInfo {
    const header = req.headers.authorization;
    if (!header) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? deps.tokens.authenticate(match[1] ?? '') : undefined;
    if (!user) throw errors.unauthorized();
    return user;
  }

  /**
   * Impersonate-User / Impersonate-Group headers (kubectl --as, --as-group): the caller needs the `impersonate`
   * verb on users, groups or serviceaccounts, as kube-apiserver's impersonation filter checks.
   */
  function impersonate(req: IncomingMessage, caller: UserInfo): UserInfo {
    const asUser = req.headers['impersonate-user'];
    const asGroups = [req.headers['impersonate-group'] ?? []].flat().flatMap((g) => g.split(',').map((x) => x.trim()));
    if (typeof asUser !== 'string' || !asUser) {
      if (asGroups.length) throw errors.badRequest('requested [Group] without impersonating a user');
      return caller;
    }
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(asUser);
    const target: RequestAttributes = sa
      ? { verb: 'impersonate', resource: 'serviceaccounts', apiGroup: '', namespace: sa[1], name: sa[2] }
      : { verb: 'impersonate', resource: 'users', apiGroup: '', name: asUser };
    check(caller, target);
    for (const group of asGroups) check(caller, { verb: 'impersonate', resource: 'groups', apiGroup: '', name: group });
    if (sa) {
      const user = serviceAccountUser(sa[1] ?? '', sa[2] ?? '');
      user.groups = [...new Set([...user.groups, ...asGroups])];
      return user;
    }
    const groups = asGroups.includes('system:authenticated') ? asGroups : [...asGroups, 'system:authenticated'];
    return { username: asUser, groups };
  }

  function check(user: UserInfo, attrs: RequestAttributes): void {
    if (!authorize(deps.cluster, user, attrs)) throw forbidden(user.username, attrs);
  }

  async function admin(req: IncomingMessage, res: ServerResponse, user: UserInfo, path: string): Promise<void> {
    if (!user.groups.includes('system:masters'))
      throw forbidden(user.username, { verb: (req.method ?? '').toLowerCase(), path });
    if (path !== '/sandbox/faults') throw errors.pathNotFound();
    if (req.method === 'POST' || req.method === 'PUT') faults.set((await readBody(req)) as Partial<FaultSettings>);
    else if (req.method === 'DELETE') faults.reset();
    send(res, 200, JSON.stringify(faults.snapshot()));
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://sandbox');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const parts = path.split('/').filter(Boolean);
    const user = impersonate(req, authenticate(req));
    if (parts[0] === 'sandbox') return admin(req, res, user, path);
    const route = parts[0] === 'api' || parts[0] === 'apis' ? parseRoute(parts) : undefined;
    if (!route) {
      check(user, { verb: (req.method ?? 'GET').toLowerCase(), path });
      if (path === '/healthz' || path === '/livez' || path === '/readyz') {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ok');
        return;
      }
      if (path === '/openapi/v2' && req.method === 'GET') {
        const v2 = openapiV2(req.headers.accept ?? '');
        res.writeHead(200, { 'Content-Type': v2.contentType, 'Content-Length': Buffer.byteLength(v2.body) });
        res.end(v2.body);
        return;
      }
      const doc = req.method === 'GET' ? discovery(path, parts, req.headers.host ?? '') : undefined;
      if (doc === undefined || doc === 'null') throw errors.pathNotFound();
      send(res, 200, doc);
      return;
    }
    const verb = verbOf(req.method ?? 'GET', route, url.searchParams);
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.takeThrottle()) throw errors.tooManyRequests(faults.retryAfterSeconds);
    const attrs: RequestAttributes = {
      verb,
      resource: route.def.plural,
      subresource: route.subresource,
      apiGroup: route.def.group,
      namespace: route.namespace,
      name: route.name ?? nameFromFieldSelector(verb, url.searchParams),
    };
    check(user, attrs);
    allowMethod(req.method ?? 'GET', route, verb);
    if (faults.shouldFail(verb)) throw errors.internal(`injected failure for ${verb}`);
    const request: ResourceRequest = {
      ...route,
      verb,
      query: url.searchParams,
      accept: req.headers.accept ?? '',
      contentType: req.headers['content-type'] ?? '',
      body: ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method ?? '') ? await readBody(req) : undefined,
      user,
      warnings: [],
    };
    const reply = handleResource(deps, request, res);
    if (!reply) return;
    if (verb === 'list' && faults.takeDrop()) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(reply.json) });
      res.write(reply.json.slice(0, reply.json.length >> 1), () => res.socket?.destroy());
      return;
    }
    if (request.warnings.length)
      res.setHeader(
        'Warning',
        request.warnings.map((w) => `299 - ${JSON.stringify(w)}`),
      );
    send(res, reply.status, reply.json);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    serve(req, res).catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : errors.internal((error as Error).message);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      send(res, apiError.code, JSON.stringify(apiError.toStatus()), apiError.headers);
    });
  };
}

/**
 * As kube-apiserver's RequestInfoFactory: a list or watch whose fieldSelector requires exactly one
 * metadata.name is authorized as a request for that name, so RBAC resourceNames can allow it.
 */
function nameFromFieldSelector(verb: string, query: URLSearchParams): string | undefined {
  if (verb !== 'list' && verb !== 'watch') return undefined;
  for (const term of (query.get('fieldSelector') ?? '').split(',')) {
    const m = /^\s*metadata\.name\s*(?:==|=)\s*([^\s,]+)\s*$/.exec(term);
    if (m) return m[1];
  }
  return undefined;
}
