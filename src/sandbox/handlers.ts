// Resource requests: get, list (paged, Table), watch, create, update, patch and delete on the stored kinds.
import type { ServerResponse } from 'node:http';
import type { Cluster } from './cluster';
import type { Faults } from './faults';
import { type Lister, listJson, partialListJson } from './list';
import { checkListResourceVersion, validateListOptions } from './list-options';
import { checkShape, negotiate, partial, type Target } from './media';
import { applyPatch, patchTypeOf } from './patch';
import { groupVersion, REVIEWS } from './resources';
import { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview, tokenRequest } from './reviews';
import { allOf, parseFieldSelector, parseLabelSelector } from './selectors';
import { ApiError, errors } from './status';
import { itemJsonOf, jsonOf } from './store';
import { toTable } from './table';
import type { KubeObject, ResourceDef, UserInfo } from './types';
import { serveWatch } from './watch';

export interface ApiContext {
  cluster: Cluster;
  lister: Lister;
  faults: Faults;
  bookmarkIntervalMs: number;
}

export interface ResourceRequest {
  def: ResourceDef;
  verb: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  accept: string;
  contentType: string;
  body: unknown;
  user: UserInfo;
  /** Warning headers to send with the reply (`299 - "…"`), as kube-apiserver's warning recorder. */
  warnings: string[];
}

/** What a handler answers: a status and a JSON body (string when pre-serialized), or `undefined` if it streamed. */
export type Reply = { status: number; json: string } | undefined;

const ok = (status: number, body: unknown): Reply => ({
  status,
  json: typeof body === 'string' ? body : JSON.stringify(body),
});

/**
 * Unknown top-level fields, by the fieldValidation parameter: Strict refuses them with 400; Warn (the server's
 * default since v1.23) drops them and says so in a Warning header; Ignore drops them silently.
 */
function checkFields(req: ResourceRequest, body: KubeObject): void {
  const mode = req.query.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(mode))
    throw errors.badRequest(`fieldValidation parameter unsupported: ${mode}`);
  const unknown = Object.keys(body).filter((f) => !req.def.fields.includes(f));
  if (unknown.length === 0) return;
  if (mode === 'Strict') {
    const kind = req.def.kind;
    const list = unknown.map((f) => `unknown field "${f}"`).join(', ');
    throw errors.badRequest(
      `${kind} in version "${req.def.version}" cannot be handled as a ${kind}: strict decoding error: ${list}`,
    );
  }
  for (const f of unknown) {
    delete body[f];
    if (mode === 'Warn') req.warnings.push(`unknown field "${f}"`);
  }
}

function asObject(req: ResourceRequest): KubeObject {
  const body = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.badRequest(`Object '${req.def.kind}' is missing in '${JSON.stringify(body) ?? ''}'`);
  }
  const obj = body as KubeObject;
  if (obj.kind && obj.kind !== req.def.kind) {
    throw errors.badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${groupVersion(req.def)})`,
    );
  }
  obj.metadata ??= {};
  if (req.namespace && obj.metadata.namespace && obj.metadata.namespace !== req.namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  checkFields(req, obj);
  return obj;
}

function single(ctx: ApiContext, req: ResourceRequest, obj: KubeObject, status = 200): Reply {
  const target = negotiate(req.accept);
  checkShape(target, false);
  if (target.as === 'PartialObjectMetadata') return ok(status, partial(obj, target.apiVersion));
  if (target.as === 'Table') {
    return ok(
      status,
      toTable(
        req.def,
        [obj],
        { resourceVersion: obj.metadata.resourceVersion },
        ctx.cluster.clock.now(),
        req.query.get('includeObject') ?? 'Metadata',
      ),
    );
  }
  return ok(status, jsonOf(obj));
}

/** What each watch event carries: the object, its PartialObjectMetadata, or a one-row Table (`kubectl get -w`). */
function watchTransform(
  ctx: ApiContext,
  req: ResourceRequest,
  target: Target,
): ((o: KubeObject) => KubeObject) | undefined {
  if (target.as === 'PartialObjectMetadata') return (o) => partial(o, target.apiVersion);
  if (target.as !== 'Table') return undefined;
  const include = req.query.get('includeObject') ?? 'Metadata';
  return (o) =>
    toTable(
      req.def,
      [o],
      { resourceVersion: o.metadata.resourceVersion },
      ctx.cluster.clock.now(),
      include,
    ) as KubeObject;
}

/**
 * Server-side apply, approximated: a fieldManager is required, a missing object is created, and an existing one
 * gets the applied configuration merged in strategically. No managedFields, so no conflicts and no removal of
 * fields an earlier apply set.
 */
function serverSideApply(ctx: ApiContext, req: ResourceRequest): Reply {
  if (!req.query.get('fieldManager')) {
    throw errors.invalid('PatchOptions', 'meta.k8s.io', '', [
      { field: 'fieldManager', message: 'Required value: is required for apply patch' },
    ]);
  }
  const applied = asObject(req);
  if (applied.metadata.name && applied.metadata.name !== req.name)
    throw errors.badRequest(
      `the name of the object (${applied.metadata.name}) does not match the name on the URL (${req.name})`,
    );
  const current = ctx.cluster.find(req.def, req.namespace, req.name ?? '');
  if (!current) {
    const created = ctx.cluster.create(
      req.def,
      { ...applied, metadata: { ...applied.metadata, name: req.name } },
      req.namespace,
    );
    return single(ctx, req, created, 201);
  }
  const merged = applyPatch('strategic', structuredClone(current), applied) as KubeObject;
  merged.metadata = {
    ...merged.metadata,
    resourceVersion: applied.metadata.resourceVersion ?? current.metadata.resourceVersion,
  };
  return single(ctx, req, ctx.cluster.update(req.def, req.namespace, req.name ?? '', merged));
}

function reviewOrToken(ctx: ApiContext, req: ResourceRequest): Reply {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (req.subresource === 'token') return ok(201, tokenRequest(ctx.cluster, req.namespace ?? '', req.name ?? '', body));
  switch (req.def.plural) {
    case 'selfsubjectreviews':
      return ok(201, selfSubjectReview(req.user));
    case 'selfsubjectaccessreviews':
      return ok(201, selfSubjectAccessReview(ctx.cluster, req.user, body));
    case 'selfsubjectrulesreviews':
      return ok(201, selfSubjectRulesReview(ctx.cluster, req.user, body));
    default:
      throw errors.methodNotAllowed();
  }
}

export function handleResource(ctx: ApiContext, req: ResourceRequest, res: ServerResponse): Reply {
  const dryRun = req.query.getAll('dryRun');
  const bad = dryRun.find((v) => v !== 'All');
  if (bad !== undefined) throw errors.badRequest(`dryRun: Unsupported value: "${bad}": supported values: "All"`);
  if (dryRun.length > 0 && req.verb !== 'get' && req.verb !== 'list' && req.verb !== 'watch')
    return ctx.cluster.dryRun(() => dispatch(ctx, req, res));
  return dispatch(ctx, req, res);
}

/** One resource request by verb (under dry run when asked). */
function dispatch(ctx: ApiContext, req: ResourceRequest, res: ServerResponse): Reply {
  const { cluster } = ctx;
  const { def, namespace, name } = req;
  if (req.subresource === 'token' || REVIEWS.includes(def)) {
    if (req.verb === 'create') return reviewOrToken(ctx, req);
    throw errors.methodNotAllowed();
  }
  if (req.subresource) throw errors.pathNotFound();
  const match = () =>
    allOf(
      parseLabelSelector(req.query.get('labelSelector')),
      parseFieldSelector(req.query.get('fieldSelector'), def.plural),
    );
  switch (req.verb) {
    case 'get':
      return single(ctx, req, cluster.get(def, namespace, name ?? ''));
    case 'list': {
      const limit = Number(req.query.get('limit') ?? 0) || 0;
      validateListOptions(req.query, false);
      checkListResourceVersion(req.query, cluster.store.resourceVersion);
      const target = negotiate(req.accept);
      checkShape(target, true);
      const result = ctx.lister.list(def, namespace, limit, req.query.get('continue') || undefined, match());
      if (target.as === 'PartialObjectMetadataList') return ok(200, partialListJson(result, target.apiVersion));
      if (target.as === 'Table') {
        return ok(
          200,
          toTable(
            def,
            result.items,
            result.metadata,
            cluster.clock.now(),
            req.query.get('includeObject') ?? 'Metadata',
          ),
        );
      }
      return ok(200, listJson(def, result, itemJsonOf));
    }
    case 'watch': {
      validateListOptions(req.query, true);
      const target = negotiate(req.accept);
      checkShape(target, false);
      serveWatch(res, def, cluster.store, {
        namespace,
        match: match(),
        resourceVersion: req.query.get('resourceVersion') ?? undefined,
        allowBookmarks: req.query.get('allowWatchBookmarks') === 'true',
        sendInitialEvents: req.query.get('sendInitialEvents') === 'true',
        timeoutSeconds: req.query.has('timeoutSeconds') ? Number(req.query.get('timeoutSeconds')) : undefined,
        bookmarkIntervalMs: ctx.bookmarkIntervalMs,
        transform: watchTransform(ctx, req, target),
      });
      return undefined;
    }
    case 'create':
      return single(ctx, req, cluster.create(def, asObject(req), namespace), 201);
    case 'update':
      return single(ctx, req, cluster.update(def, namespace, name ?? '', asObject(req)));
    case 'patch': {
      if (patchTypeOf(req.contentType) === 'apply') return serverSideApply(ctx, req);
      const current = cluster.get(def, namespace, name ?? '');
      const patched = applyPatch(patchTypeOf(req.contentType), structuredClone(current), req.body) as KubeObject;
      if (typeof patched !== 'object' || patched === null) throw errors.badRequest('patch produced a non-object');
      checkFields(req, patched);
      // A patch is a conditional update only if it carries a resourceVersion of its own.
      const sentRv = (req.body as { metadata?: { resourceVersion?: string } } | null)?.metadata?.resourceVersion;
      patched.metadata = { ...patched.metadata, resourceVersion: sentRv ?? current.metadata.resourceVersion };
      return single(ctx, req, cluster.update(def, namespace, name ?? '', patched));
    }
    case 'delete': {
      const precondition = (req.body as { preconditions?: { resourceVersion?: string; uid?: string } } | null)
        ?.preconditions;
      const current = cluster.get(def, namespace, name ?? '');
      if (precondition?.resourceVersion && precondition.resourceVersion !== current.metadata.resourceVersion) {
        throw new ApiError(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${def.plural} "${name}": the ResourceVersion in the precondition (${precondition.resourceVersion}) does not match the ResourceVersion in record (${current.metadata.resourceVersion}). The object might have been modified`,
          { name, kind: def.plural },
        );
      }
      const gone = cluster.delete(def, namespace, name ?? '');
      // Held by finalizers: the object stays, marked, and is returned as it now is.
      if (cluster.find(def, namespace, name ?? '')) return single(ctx, req, gone);
      if (def.plural === 'namespaces') {
        return ok(200, { ...gone, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Terminating' } });
      }
      return ok(200, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name, ...(def.group ? { group: def.group } : {}), kind: def.plural, uid: gone.metadata.uid },
      });
    }
    case 'deletecollection': {
      const m = match();
      for (const obj of cluster.list(def, namespace))
        if (!m || m(obj)) cluster.delete(def, namespace, obj.metadata.name ?? '');
      return ok(
        200,
        listJson(def, { items: [], metadata: { resourceVersion: String(cluster.store.resourceVersion) } }, itemJsonOf),
      );
    }
    default:
      throw errors.methodNotAllowed();
  }
}
