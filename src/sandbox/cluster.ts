// The API machinery over the store: create/update/delete with validation, resourceVersion preconditions,
// generation, and the controllers kube-controller-manager would run (token Secrets, default ServiceAccounts).
import { randomInt, randomUUID } from 'node:crypto';
import { bootstrapPolicy } from './bootstrap';
import type { RbacSource } from './rbac';
import { findResource, groupVersion, RESOURCES } from './resources';
import { errors } from './status';
import { keyOf, type Store, tableOf } from './store';
import type { TokenAuthority } from './tokens';
import type { KubeObject, ResourceDef, SandboxClock } from './types';
import { type Cause, validateConfigMap, validateName, validateSecret } from './validation';
import { defaultWorkload } from './workloads';

const def = (plural: string, group = '') => findResource(group, 'v1', plural) as ResourceDef;
export const NS = def('namespaces');
export const SECRETS = def('secrets');
export const SAS = def('serviceaccounts');
export const CONFIGMAPS = def('configmaps');
const ROLES = def('roles', 'rbac.authorization.k8s.io');
const ROLEBINDINGS = def('rolebindings', 'rbac.authorization.k8s.io');
const CLUSTERROLES = def('clusterroles', 'rbac.authorization.k8s.io');
const CLUSTERROLEBINDINGS = def('clusterrolebindings', 'rbac.authorization.k8s.io');
const SA_TOKEN = 'kubernetes.io/service-account-token';

/**
 * Whether a stored bootstrap role or binding differs from the policy while it still carries the autoupdate
 * annotation, so the server reconciles it at start (as kube-apiserver's RBAC post-start hook does).
 */
function reconcilable(current: KubeObject, wanted: KubeObject): boolean {
  if (current.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'] !== 'true') return false;
  const shape = (o: KubeObject) =>
    JSON.stringify([o.rules, o.aggregationRule, o.roleRef, o.subjects, o.metadata.labels]);
  return shape(current) !== shape(wanted);
}

/** names.SimpleNameGenerator: the prefix (cut to 58 characters) and 5 characters without vowels. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
function generatedName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[randomInt(NAME_ALPHABET.length)];
  return `${prefix.slice(0, 58)}${suffix}`;
}

function timestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export class Cluster implements RbacSource {
  tokens!: TokenAuthority;
  private dry = false;

  constructor(
    readonly store: Store,
    readonly clock: SandboxClock,
    readonly caPem: string,
  ) {}

  /** Creates the namespaces and RBAC policy a fresh cluster has. */
  bootstrap(): void {
    for (const obj of bootstrapPolicy()) {
      const d = obj.kind === 'ClusterRole' ? CLUSTERROLES : CLUSTERROLEBINDINGS;
      const name = obj.metadata.name ?? '';
      const current = this.find(d, undefined, name);
      if (!current) this.create(d, obj);
      else if (reconcilable(current, obj)) this.update(d, undefined, name, { ...obj, metadata: current.metadata });
    }
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      if (!this.find(NS, undefined, name)) this.create(NS, { metadata: { name } });
    }
  }

  find(d: ResourceDef, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(tableOf(d), keyOf(d.namespaced ? namespace : undefined, name));
  }

  get(d: ResourceDef, namespace: string | undefined, name: string): KubeObject {
    const obj = this.find(d, namespace, name);
    if (!obj) throw errors.notFound(d, name);
    return obj;
  }

  /** Runs `fn` with every write validated and answered but not stored (`?dryRun=All`). */
  dryRun<T>(fn: () => T): T {
    this.dry = true;
    try {
      return fn();
    } finally {
      this.dry = false;
    }
  }

  private write(d: ResourceDef, obj: KubeObject, type: 'ADDED' | 'MODIFIED' | 'DELETED'): KubeObject {
    if (this.dry) return obj;
    obj.metadata.resourceVersion = String(this.store.nextRv());
    this.store.put(tableOf(d), keyOf(obj.metadata.namespace, obj.metadata.name ?? ''), obj, type);
    return obj;
  }

  private validate(d: ResourceDef, obj: KubeObject, previous?: KubeObject): void {
    const causes: Cause[] = previous ? [] : validateName(obj.metadata.name, d.kind);
    if (d.plural === 'secrets') causes.push(...validateSecret(obj, previous));
    if (d.plural === 'configmaps') causes.push(...validateConfigMap(obj, previous));
    if (causes.length) throw errors.invalid(d.kind, d.group, obj.metadata.name ?? '', causes);
  }

  /** Normalizes what a client sent into what is stored (apiVersion/kind, stringData folded into data). */
  private normalize(d: ResourceDef, body: KubeObject, namespace: string | undefined): KubeObject {
    const obj = structuredClone(body);
    obj.apiVersion = groupVersion(d);
    obj.kind = d.kind;
    obj.metadata = { ...(obj.metadata ?? {}) };
    if (d.namespaced) obj.metadata.namespace = namespace;
    else delete obj.metadata.namespace;
    if (d.plural === 'secrets') {
      obj.type ??= 'Opaque';
      if (obj.stringData) {
        const data = { ...((obj.data as Record<string, string>) ?? {}) };
        for (const [k, v] of Object.entries(obj.stringData as Record<string, string>))
          data[k] = Buffer.from(v).toString('base64');
        obj.data = data;
        delete obj.stringData;
      }
    }
    if (d.group === 'apps') defaultWorkload(d.plural, obj);
    if (d.plural === 'namespaces') {
      obj.spec = { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
    }
    return obj;
  }

  create(d: ResourceDef, body: KubeObject, namespace?: string): KubeObject {
    const obj = this.normalize(d, body, namespace ?? body.metadata?.namespace);
    if (body.metadata?.resourceVersion) {
      // etcd3's store refuses it, and the error reaches the client as a 500 (storage.ErrResourceVersionSetOnCreate).
      throw errors.internal('resourceVersion should not be set on objects to be created');
    }
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = generatedName(obj.metadata.generateName);
    this.validate(d, obj);
    const ns = obj.metadata.namespace;
    if (d.namespaced && (!ns || !this.find(NS, undefined, ns))) throw errors.notFound(NS, ns ?? '');
    if (this.find(d, ns, obj.metadata.name ?? '')) throw errors.alreadyExists(d, obj.metadata.name ?? '');
    obj.metadata.uid = randomUUID();
    obj.metadata.creationTimestamp = timestamp(this.clock.now());
    delete obj.metadata.deletionTimestamp;
    if (d.hasSpec) obj.metadata.generation = 1;
    // PrepareForCreate: a new workload has no status until its controller reports one.
    if (d.group === 'apps') delete obj.status;
    if (d.plural === 'secrets' && obj.type === SA_TOKEN) this.fillToken(obj);
    const created = this.write(d, obj, 'ADDED');
    if (d.plural === 'namespaces') this.namespaceDefaults(obj.metadata.name ?? '');
    return created;
  }

  /** Replaces an object; a resourceVersion in the body must match the stored one (409 otherwise). */
  update(d: ResourceDef, namespace: string | undefined, name: string, body: KubeObject): KubeObject {
    const previous = this.get(d, namespace, name);
    if (body.metadata?.name && body.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const rv = body.metadata?.resourceVersion;
    if (rv && rv !== previous.metadata.resourceVersion) throw errors.conflict(d, name);
    const obj = this.normalize(d, { ...body, metadata: { ...body.metadata, name } }, previous.metadata.namespace);
    obj.metadata.uid = previous.metadata.uid;
    obj.metadata.creationTimestamp = previous.metadata.creationTimestamp;
    if (d.plural === 'namespaces') obj.status = previous.status;
    this.validate(d, obj, previous);
    if (d.hasSpec) {
      // The main resource ignores status (the controller writes it), and a spec change is a new generation.
      if (previous.status === undefined) delete obj.status;
      else obj.status = previous.status;
      const changed = JSON.stringify(obj.spec) !== JSON.stringify(previous.spec);
      obj.metadata.generation = (previous.metadata.generation ?? 1) + (changed ? 1 : 0);
    }
    if (d.plural === 'secrets' && obj.type === SA_TOKEN && !(obj.data as Record<string, string>)?.token)
      this.fillToken(obj);
    if (previous.metadata.deletionTimestamp) {
      // Being deleted: the mark stays, and removing the last finalizer completes the deletion.
      obj.metadata.deletionTimestamp = previous.metadata.deletionTimestamp;
      obj.metadata.deletionGracePeriodSeconds = previous.metadata.deletionGracePeriodSeconds;
      if (!obj.metadata.finalizers?.length) return this.remove(d, obj);
    }
    return this.write(d, obj, 'MODIFIED');
  }

  /** A controller's status write (the /status subresource): only status changes, generation stays. */
  writeStatus(d: ResourceDef, current: KubeObject, status: Record<string, unknown>): KubeObject {
    return this.write(d, { ...current, metadata: { ...current.metadata }, status }, 'MODIFIED');
  }

  /** Deletes an object (a namespace takes its contents with it); returns what was deleted. */
  delete(d: ResourceDef, namespace: string | undefined, name: string): KubeObject {
    const previous = this.get(d, namespace, name);
    if (previous.metadata.finalizers?.length) {
      // Finalizers hold the object: it is only marked (deletionTimestamp) until they are all removed.
      if (previous.metadata.deletionTimestamp) return previous;
      const marked = {
        ...previous,
        metadata: { ...previous.metadata, deletionTimestamp: timestamp(this.clock.now()) },
      };
      marked.metadata.deletionGracePeriodSeconds = 0;
      return this.write(d, marked, 'MODIFIED');
    }
    if (d.plural === 'namespaces') {
      for (const r of RESOURCES.filter((x) => x.namespaced)) {
        for (const e of [...this.store.sorted(tableOf(r))]) {
          if (e.object.metadata.namespace === name) this.remove(r, e.object);
        }
      }
    }
    if (d.plural === 'serviceaccounts') {
      for (const s of this.list(SECRETS, namespace)) {
        if (s.type === SA_TOKEN && s.metadata.annotations?.['kubernetes.io/service-account.name'] === name)
          this.remove(SECRETS, s);
      }
    }
    return this.remove(d, previous);
  }

  private remove(d: ResourceDef, previous: KubeObject): KubeObject {
    const gone = { ...previous, metadata: { ...previous.metadata, deletionTimestamp: timestamp(this.clock.now()) } };
    return this.write(d, gone, 'DELETED');
  }

  list(d: ResourceDef, namespace?: string): KubeObject[] {
    const all = this.store.sorted(tableOf(d)).map((e) => e.object);
    return namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
  }

  /** The legacy token controller: fills token, ca.crt and namespace for a service-account-token Secret. */
  private fillToken(secret: KubeObject): void {
    const ns = secret.metadata.namespace ?? '';
    const saName = secret.metadata.annotations?.['kubernetes.io/service-account.name'] ?? '';
    const sa = this.find(SAS, ns, saName);
    if (!sa) return;
    secret.metadata.annotations = {
      ...secret.metadata.annotations,
      'kubernetes.io/service-account.uid': sa.metadata.uid ?? '',
    };
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    secret.data = {
      ...((secret.data as Record<string, string>) ?? {}),
      'ca.crt': b64(this.caPem),
      namespace: b64(ns),
      token: b64(this.tokens.legacyToken(ns, secret, sa)),
    };
  }

  /** What the ServiceAccount and root-CA controllers add to every new namespace. */
  private namespaceDefaults(ns: string): void {
    this.create(SAS, { metadata: { name: 'default' } }, ns);
    this.create(
      CONFIGMAPS,
      {
        metadata: {
          name: 'kube-root-ca.crt',
          annotations: {
            'kubernetes.io/description':
              'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
          },
        },
        data: { 'ca.crt': this.caPem },
      },
      ns,
    );
  }

  clusterRoleBindings(): KubeObject[] {
    return this.list(CLUSTERROLEBINDINGS);
  }
  roleBindings(namespace: string): KubeObject[] {
    return this.list(ROLEBINDINGS, namespace);
  }
  role(namespace: string, name: string): KubeObject | undefined {
    return this.find(ROLES, namespace, name);
  }
  clusterRole(name: string): KubeObject | undefined {
    return this.find(CLUSTERROLES, undefined, name);
  }
}
