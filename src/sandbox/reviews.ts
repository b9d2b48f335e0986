// TokenRequest, SelfSubjectReview, SelfSubjectAccessReview and SelfSubjectRulesReview.
import type { Cluster } from './cluster';
import { SAS, SECRETS } from './cluster';
import { authorize, type RbacSource, rulesFor } from './rbac';
import { ApiError, errors } from './status';
import { ISSUER } from './tokens';
import type { KubeObject, RequestAttributes, UserInfo } from './types';

type Body = Record<string, unknown>;

function userInfo(user: UserInfo): Body {
  return {
    username: user.username,
    ...(user.uid ? { uid: user.uid } : {}),
    groups: user.groups,
    ...(user.extra ? { extra: user.extra } : {}),
  };
}

export function selfSubjectReview(user: UserInfo): Body {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: { userInfo: userInfo(user) },
  };
}

interface SsarSpec {
  resourceAttributes?: {
    namespace?: string;
    verb?: string;
    group?: string;
    resource?: string;
    subresource?: string;
    name?: string;
  };
  nonResourceAttributes?: { path?: string; verb?: string };
}

export function selfSubjectAccessReview(source: RbacSource, user: UserInfo, body: Body): Body {
  const spec = (body.spec ?? {}) as SsarSpec;
  let attrs: RequestAttributes;
  if (spec.resourceAttributes) {
    const r = spec.resourceAttributes;
    attrs = {
      verb: r.verb ?? '',
      resource: r.resource ?? '',
      subresource: r.subresource || undefined,
      apiGroup: r.group ?? '',
      namespace: r.namespace || undefined,
      name: r.name || undefined,
    };
  } else if (spec.nonResourceAttributes) {
    attrs = { verb: spec.nonResourceAttributes.verb ?? '', path: spec.nonResourceAttributes.path ?? '' };
  } else {
    throw errors.invalid('SelfSubjectAccessReview', 'authorization.k8s.io', '', [
      {
        field: 'spec.resourceAttributes',
        message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
      },
    ]);
  }
  const allowed = authorize(source, user, attrs);
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: allowed ? { allowed: true, reason: 'allowed by RBAC' } : { allowed: false },
  };
}

export function selfSubjectRulesReview(source: RbacSource, user: UserInfo, body: Body): Body {
  const namespace = ((body.spec ?? {}) as { namespace?: string }).namespace ?? '';
  const rules = rulesFor(source, user, namespace || undefined);
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { namespace },
    status: {
      resourceRules: rules
        .filter((r) => !r.nonResourceURLs)
        .map((r) => ({
          verbs: r.verbs,
          apiGroups: r.apiGroups ?? [],
          resources: r.resources ?? [],
          ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}),
        })),
      nonResourceRules: rules
        .filter((r) => r.nonResourceURLs)
        .map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
      incomplete: false,
    },
  };
}

const MIN_SECONDS = 600;
const MAX_SECONDS = 2 ** 32;

interface BoundRef {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

/**
 * The object a token is bound to, as kube-apiserver's TokenREST resolves it (pkg/registry/core/serviceaccount/storage/token.go): in the token's
 * namespace, of a kind it can bind (this sandbox serves only Secrets of those), uid matching.
 */
function boundSecret(cluster: Cluster, namespace: string, ref: BoundRef): KubeObject {
  const [group, version] = (ref.apiVersion ?? '').includes('/')
    ? (ref.apiVersion ?? '').split('/')
    : ['', ref.apiVersion ?? ''];
  // token.go answers BadRequest with the GroupVersionKind's String(): "group/version, Kind=kind".
  if (group !== '' || ref.kind !== 'Secret')
    throw errors.badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${ref.kind ?? ''}`);
  const secret = cluster.get(SECRETS, namespace, ref.name ?? '');
  if (ref.uid && ref.uid !== secret.metadata.uid)
    throw new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on Secret "${ref.name}": the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
      { name: ref.name, kind: 'Secret' },
    );
  return secret;
}

/** POST serviceaccounts/<name>/token: a bound token whose expiry the server enforces. */
export function tokenRequest(cluster: Cluster, namespace: string, name: string, body: Body): Body {
  const sa: KubeObject = cluster.get(SAS, namespace, name);
  const spec = (body.spec ?? {}) as { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: BoundRef };
  const seconds = spec.expirationSeconds ?? 3600;
  const invalid = (message: string) =>
    errors.invalid('TokenRequest', 'authentication.k8s.io', name, [
      { field: 'spec.expirationSeconds', message: `Invalid value: ${seconds}: ${message}` },
    ]);
  if (seconds < MIN_SECONDS) throw invalid('may not specify a duration less than 10 minutes');
  if (seconds > MAX_SECONDS) throw invalid('may not specify a duration larger than 2^32 seconds');
  const audiences = spec.audiences?.length ? spec.audiences : [ISSUER];
  const secret = spec.boundObjectRef ? boundSecret(cluster, namespace, spec.boundObjectRef) : undefined;
  const { token, expiresAt } = cluster.tokens.boundToken(namespace, sa, seconds, audiences, secret);
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds: seconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token, expirationTimestamp: `${new Date(expiresAt).toISOString().slice(0, 19)}Z` },
  };
}
