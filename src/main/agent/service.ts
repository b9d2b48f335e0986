// The agent generator and sealed delivery for the console and the CLI: read workloads, build and diff the manifest, apply, keys, seal.
import type { KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../../shared/errors';
import type { AgentKeySummary, AgentManifestView, AgentWorkload, AgentWorkloadKind } from '../../shared/ipc/agent';
import type { AuditLog } from '../audit/service';
import type { Clock } from '../clock';
import { hasAgentSidecar } from '../kube/agent-sidecar';
import type { Logger } from '../log';
import type { ClusterAccess } from '../sync/access';
import type { VaultService } from '../vault/service';
import type { AgentClusterApi } from './cluster-api';
import { type AgentKeyRecord, keysIn, listKeys, upsertKey } from './key-repo';
import { lineDiff } from './line-diff';
import {
  AGENT_CONTAINER,
  type AgentManifest,
  type AgentOptions,
  buildAgentManifest,
  forApply,
  manifestDocuments,
} from './manifest';
import { isSealed, keyId, parsePublicKey, SEALED_ANNOTATION, SealedBoxError, seal } from './sealed-box';
import type { KubeDoc } from './workload-types';
import { multiDocYaml, toYaml } from './yaml-docs';

/** Secret types whose values the API server validates, so ciphertext would be refused or break their users. */
const UNSEALABLE_TYPES = [
  'kubernetes.io/dockerconfigjson',
  'kubernetes.io/dockercfg',
  'kubernetes.io/service-account-token',
];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ManifestRequest extends AgentOptions {
  clusterId: string;
  namespace: string;
  kind: AgentWorkloadKind;
  name: string;
}

export interface AgentServiceDeps {
  vault: VaultService;
  audit: AuditLog;
  clusters: ClusterAccess;
  clock: Clock;
  log: Logger;
  /** How the service reaches a cluster; one place to switch to another client factory. */
  api?: (kc: KubeConfig, timeoutMs?: number) => AgentClusterApi;
}

export class AgentService {
  private readonly log: Logger;

  constructor(private readonly deps: AgentServiceDeps) {
    this.log = deps.log.child({ svc: 'agent' });
  }

  private async api(clusterId: string): Promise<AgentClusterApi> {
    const info = await this.deps.clusters.describe(clusterId);
    // Loaded on first use, so that the app (and the CLI) start without client-node.
    const factory = this.deps.api ?? (await import('./cluster-api')).agentClusterApi;
    return factory(await this.deps.clusters.kubeConfig(clusterId), info.timeoutMs);
  }

  async workloads(clusterId: string, namespace: string): Promise<AgentWorkload[]> {
    const list = await (await this.api(clusterId)).listWorkloads(namespace);
    return list.map((w) => {
      const pod = w.spec.template.spec;
      const hasAgent = [...(pod.initContainers ?? []), ...pod.containers].some((c) => c.name === AGENT_CONTAINER);
      return { kind: w.kind, name: w.metadata.name, hasSidecar: hasAgentSidecar(pod), hasAgent };
    });
  }

  /** Reads the workload and what already exists, and builds the manifest and the diff applying would make. */
  async manifest(
    req: ManifestRequest,
  ): Promise<{ view: AgentManifestView; manifest: AgentManifest; current: (KubeDoc | undefined)[] }> {
    const api = await this.api(req.clusterId);
    const workload = await api.readWorkload(req.kind, req.namespace, req.name);
    const manifest = buildAgentManifest(workload, req);
    const docs = manifestDocuments(manifest);
    const current = await Promise.all(
      docs.map((d) =>
        d.kind === 'ServiceAccount' || d.kind === 'Role' || d.kind === 'RoleBinding'
          ? api.readOptional(d.kind, req.namespace, d.metadata.name)
          : Promise.resolve(workload as unknown as KubeDoc),
      ),
    );
    const diff = docs.flatMap((doc, i) => {
      const before = current[i];
      const beforeText = !before ? '' : doc.kind === req.kind ? toYaml(forApply(workload)) : toYaml(comparable(before));
      const header = `# ${doc.kind} ${req.namespace}/${doc.metadata.name}${before ? '' : ' (new)'}`;
      return [{ op: ' ' as const, text: header }, ...lineDiff(beforeText, toYaml(doc))];
    });
    const view: AgentManifestView = {
      agentName: manifest.agentName,
      yaml: multiDocYaml(docs),
      patchYaml: toYaml(manifest.patch),
      fileName: `${req.name}-secrets-agent.yaml`,
      diff,
      resourceVersion: workload.metadata.resourceVersion ?? '',
      notes: manifest.notes,
    };
    return { view, manifest, current };
  }

  /** Creates or updates the RBAC objects, then patches the workload at the resourceVersion the user reviewed. */
  async apply(req: ManifestRequest & { resourceVersion: string }): Promise<{ applied: string[] }> {
    const target = `cluster ${req.clusterId} ${req.kind} ${req.namespace}/${req.name}` as const;
    return this.deps.audit.run(
      'agent.apply',
      target,
      async () => {
        const api = await this.api(req.clusterId);
        const { manifest } = await this.manifest(req);
        const applied: string[] = [];
        if (manifest.serviceAccount) {
          const existing = await api.readOptional('ServiceAccount', req.namespace, manifest.agentName);
          if (!existing) await api.upsert(manifest.serviceAccount, undefined);
          applied.push(`ServiceAccount/${manifest.agentName}`);
        }
        for (const doc of [manifest.role, manifest.roleBinding]) {
          const existing = await api.readOptional(doc.kind as 'Role' | 'RoleBinding', req.namespace, doc.metadata.name);
          await api.upsert(doc, existing?.metadata.resourceVersion);
          applied.push(`${doc.kind}/${doc.metadata.name}`);
        }
        await api.patchWorkload(req.kind, req.namespace, req.name, manifest.patch, req.resourceVersion);
        applied.push(`${req.kind}/${req.name}`);
        this.log.info(
          { op: 'apply', kind: req.kind, namespace: req.namespace, name: req.name, secrets: req.secrets.length },
          'agent applied',
        );
        return { applied };
      },
      { secrets: req.secrets, mode: req.mode, sealed: req.sealed },
    );
  }

  keys(clusterId?: string): AgentKeySummary[] {
    return listKeys(this.deps.vault.db(), clusterId).map(summary);
  }

  registerKey(clusterId: string, namespace: string, agent: string, publicKeyPem: string): AgentKeySummary {
    let id: string;
    try {
      id = keyId(parsePublicKey(publicKeyPem));
    } catch (error) {
      if (error instanceof SealedBoxError)
        throw new AppError(
          'bad_file',
          `Not an agent public key: ${error.message}.`,
          'Use the public key that `strongroom agent keygen` wrote.',
        );
      throw error;
    }
    const record = {
      clusterId,
      namespace,
      agent,
      keyId: id,
      registeredAt: this.deps.clock.now(),
      publicKeyPem: publicKeyPem.trim(),
    };
    upsertKey(this.deps.vault.db(), record);
    this.deps.audit.record({
      action: 'agent.register_key',
      target: `cluster ${clusterId} ${namespace}/${agent}`,
      outcome: 'ok',
      details: { keyId: id },
    });
    return summary(record);
  }

  /** Encrypts every value of the Secret to the agent's key and writes it back at the version read (409 if it moved). */
  async seal(clusterId: string, namespace: string, secretName: string, agent?: string) {
    const target = `cluster ${clusterId} Secret ${namespace}/${secretName}` as const;
    return this.deps.audit.run('agent.seal', target, async () => {
      const key = this.pickKey(clusterId, namespace, agent);
      const api = await this.api(clusterId);
      const secret = await api.readSecret(namespace, secretName);
      const sealedTo = secret.metadata.annotations?.[SEALED_ANNOTATION];
      if (sealedTo)
        throw new AppError(
          'conflict',
          `Secret ${namespace}/${secretName} is already sealed (to key ${sealedTo}).`,
          'Write new plain values to it first (for example by rotation), then seal again.',
        );
      const type = String((secret as { type?: string }).type ?? 'Opaque');
      if (UNSEALABLE_TYPES.includes(type))
        throw new AppError(
          'unsupported',
          `Secrets of type ${type} cannot be sealed: the API server and kubelet read their values.`,
        );
      const recipient = parsePublicKey(key.publicKeyPem);
      const data: Record<string, string> = {};
      for (const [k, b64] of Object.entries(secret.data ?? {})) {
        const value = Buffer.from(b64, 'base64');
        if (isSealed(value))
          throw new AppError('conflict', `Key ${k} of ${namespace}/${secretName} already holds a sealed value.`);
        data[k] = seal(value, recipient, { namespace, secret: secretName, key: k }).toString('base64');
      }
      const annotations: Record<string, string> = {
        ...(secret.metadata.annotations ?? {}),
        [SEALED_ANNOTATION]: key.keyId,
      };
      // kubectl's last-applied copy holds the values in clear; a sealed Secret must not keep it.
      delete annotations[LAST_APPLIED];
      const resourceVersion = await api.replaceSecret({
        ...secret,
        metadata: { ...secret.metadata, annotations },
        data,
      });
      return { keyId: key.keyId, agent: key.agent, keys: Object.keys(data).length, resourceVersion };
    });
  }

  private pickKey(clusterId: string, namespace: string, agent?: string): AgentKeyRecord {
    const keys = keysIn(this.deps.vault.db(), clusterId, namespace);
    const chosen = agent ? keys.find((k) => k.agent === agent) : keys.length === 1 ? keys[0] : undefined;
    if (chosen) return chosen;
    if (keys.length === 0 || agent)
      throw new AppError(
        'not_found',
        `No agent key is registered for ${agent ? `${namespace}/${agent}` : `namespace ${namespace}`} on this cluster.`,
        'Register one with `strongroom agent register CLUSTER NS/AGENT --public-key FILE`.',
      );
    throw new AppError(
      'invalid_input',
      `Several agents have keys in ${namespace}: ${keys.map((k) => k.agent).join(', ')}.`,
      'Name the agent whose key to seal to.',
    );
  }
}

function summary(k: AgentKeySummary): AgentKeySummary {
  return {
    clusterId: k.clusterId,
    namespace: k.namespace,
    agent: k.agent,
    keyId: k.keyId,
    registeredAt: k.registeredAt,
  };
}

/** An existing object without the fields the server owns, so the diff shows only what the user would change. */
function comparable(doc: KubeDoc): KubeDoc {
  const { name, namespace, labels, annotations } = doc.metadata;
  const { metadata: _m, status: _s, ...rest } = doc as KubeDoc & { status?: unknown };
  return {
    ...rest,
    metadata: { name, namespace, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
  } as KubeDoc;
}
