// Shapes shared by the sandbox's modules: objects as JSON, resource definitions, users and request attributes.

/** A Kubernetes object as the API serves it (plain JSON). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  finalizers?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** One served resource, as discovery lists it. */
export interface ResourceDef {
  group: string;
  version: string;
  /** Plural, lower case: `secrets`. */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  /** Subresources served, with the verbs each accepts. */
  subresources?: Record<string, string[]>;
  /** Whether a spec change bumps metadata.generation. */
  hasSpec?: boolean;
  /** Top-level fields besides apiVersion/kind/metadata, for strict field validation. */
  fields: string[];
}

/** The authenticated caller. */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What RBAC decides on, as kube-apiserver's authorizer.Attributes. */
export interface RequestAttributes {
  verb: string;
  /** Resource request when `resource` is set; otherwise a non-resource `path`. */
  resource?: string;
  subresource?: string;
  apiGroup?: string;
  namespace?: string;
  name?: string;
  path?: string;
}

/** Minimal time source, so tests can move time (TokenRequest expiry, continue token age). */
export interface SandboxClock {
  now(): number;
}
