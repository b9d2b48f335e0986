// The channel that lists, live from the cluster, the workloads whose pods use a Secret, and how they use it.
import { z } from 'zod';
import { channel, returns } from './contract';

/** How a pod reads a Secret: one env variable, all keys as env, a secret volume, or a projected volume. */
export type SecretUseKind = 'env' | 'envFrom' | 'volume' | 'projected';

/** One place in a pod spec that reads the Secret. */
export interface SecretUsage {
  via: SecretUseKind;
  /** The container that reads it; absent for a volume no container mounts. */
  container?: string;
  /** `env`: the variable the value lands in. */
  env?: string;
  /** `env`: the Secret key it reads. */
  key?: string;
  /** `volume`/`projected`: where the container mounts it. */
  mountPath?: string;
}

/** Kinds whose pods the finder reads: the rollout kinds, and Pods that no controller owns. */
export type ConsumerKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Pod';

/** A workload whose pods use the Secret. */
export interface SecretConsumer {
  kind: ConsumerKind;
  namespace: string;
  name: string;
  /** Every place its pod spec reads the Secret. */
  usages: SecretUsage[];
  /** True when it runs the secrets agent as a sidecar (values refresh without a restart). */
  agentSidecar: boolean;
}

/** The Secret of one vault account, looked up live in its cluster. Fails with the cluster's error (e.g. forbidden). */
export const listSecretConsumers = channel(
  'resources:consumers',
  z.object({ accountId: z.number().int().positive() }).strict(),
  returns<SecretConsumer[]>(),
);

export const secretConsumerChannels = [listSecretConsumers] as const;
