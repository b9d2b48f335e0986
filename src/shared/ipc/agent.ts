// Channels of the secrets-agent generator and sealed delivery: workloads, manifest with diff, apply, agent keys, seal.
import { z } from 'zod';
import { channel, returns } from './contract';

const clusterId = z.string().min(1).max(200);
/** Kubernetes DNS label or subdomain, as the API server validates it. */
const k8sName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a lower-case Kubernetes name');

export const WORKLOAD_KIND_NAMES = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type AgentWorkloadKind = (typeof WORKLOAD_KIND_NAMES)[number];

/** One workload the agent can be added to. */
export interface AgentWorkload {
  kind: AgentWorkloadKind;
  name: string;
  /** True when its pod template already runs the agent as a sidecar. */
  hasSidecar: boolean;
  /** True when the agent is already there (init or sidecar). */
  hasAgent: boolean;
}

/** What to generate: the workload, its Secrets, init or sidecar, and whether values are sealed. */
const manifestInput = z
  .object({
    clusterId,
    namespace: k8sName,
    kind: z.enum(WORKLOAD_KIND_NAMES),
    name: k8sName,
    secrets: z.array(k8sName).min(1).max(100),
    mode: z.enum(['init', 'sidecar']),
    sealed: z.boolean().default(false),
    image: z.string().min(1).max(300).optional(),
  })
  .strict();

/** One line of a diff: kept (' '), removed ('-') or added ('+'). */
export interface AgentDiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** The generated manifest. Holds names and configuration only, never a Secret value. */
export interface AgentManifestView {
  agentName: string;
  /** Multi-document YAML for `kubectl apply -f`: ServiceAccount, Role, RoleBinding, the workload. */
  yaml: string;
  /** The strategic merge patch for `kubectl patch`, as YAML. */
  patchYaml: string;
  /** A file name to save the YAML as. */
  fileName: string;
  /** What applying would change in the cluster, object by object. */
  diff: AgentDiffLine[];
  /** The workload's resourceVersion the diff was made from; apply refuses if it changed. */
  resourceVersion: string;
  notes: string[];
}

/** A registered agent public key (X25519, SPKI PEM). */
export interface AgentKeySummary {
  clusterId: string;
  namespace: string;
  agent: string;
  keyId: string;
  registeredAt: number;
}

export const listWorkloads = channel(
  'agent:workloads',
  z.object({ clusterId, namespace: k8sName }).strict(),
  returns<AgentWorkload[]>(),
);

/** Reads the workload from the cluster and builds the manifest, the patch and the diff. */
export const generateManifest = channel('agent:manifest', manifestInput, returns<AgentManifestView>());

/** Applies with the cluster's account: RBAC first, then the workload patch at `resourceVersion` (409 if it moved). */
export const applyManifest = channel(
  'agent:apply',
  manifestInput.extend({ resourceVersion: z.string().min(1).max(100) }).strict(),
  returns<{ applied: string[] }>(),
);

export const listAgentKeys = channel(
  'agent:keys',
  z.object({ clusterId: clusterId.optional() }).strict(),
  returns<AgentKeySummary[]>(),
);

/** Registers (or replaces) the public key of agent NS/AGENT on a cluster. */
export const registerAgentKey = channel(
  'agent:registerKey',
  z.object({ clusterId, namespace: k8sName, agent: k8sName, publicKeyPem: z.string().min(1).max(10_000) }).strict(),
  returns<AgentKeySummary>(),
);

/** Rewrites a Secret's values encrypted to the registered agent key (the only one in the namespace unless named). */
export const sealSecret = channel(
  'agent:seal',
  z.object({ clusterId, namespace: k8sName, secret: k8sName, agent: k8sName.optional() }).strict(),
  returns<{ keyId: string; agent: string; keys: number; resourceVersion: string }>(),
);

export const agentChannels = [
  listWorkloads,
  generateManifest,
  applyManifest,
  listAgentKeys,
  registerAgentKey,
  sealSecret,
] as const;
