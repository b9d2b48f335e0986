// The one check for "this pod runs the Strongroom secrets agent as a sidecar", shared by rotation, the agent generator and the Secret detail.

/** The container name the agent's manifest generator gives the agent. */
export const AGENT_CONTAINER = 'strongroom-agent';
/** The env variable the agent reads its mode from (`init` or `sidecar`). */
export const AGENT_MODE_ENV = 'STRONGROOM_AGENT_MODE';

/** The parts of a container the check reads; both client-node's V1Container and the generator's JSON shape fit. */
export interface AgentContainerLike {
  name: string;
  restartPolicy?: unknown;
  env?: unknown;
}

/** The parts of a pod spec the check reads. */
export interface AgentPodSpecLike {
  containers: AgentContainerLike[];
  initContainers?: AgentContainerLike[];
}

function agentMode(container: AgentContainerLike): string | undefined {
  if (!Array.isArray(container.env)) return undefined;
  const entry = container.env.find((e: { name?: unknown }) => e?.name === AGENT_MODE_ENV) as
    | { value?: unknown }
    | undefined;
  return typeof entry?.value === 'string' ? entry.value : undefined;
}

/**
 * True when the agent runs beside the application and keeps its values fresh, so a changed Secret needs no
 * restart. The generator emits it as a native sidecar (an init container with `restartPolicy: Always`) in
 * `sidecar` mode; an agent as a regular container in `sidecar` mode counts too. An agent in `init` mode, or an
 * init container that does not keep running, writes once and never refreshes.
 */
export function hasAgentSidecar(spec: AgentPodSpecLike | undefined): boolean {
  if (!spec) return false;
  const keepsRunning = [
    ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
    ...(spec.containers ?? []),
  ];
  return keepsRunning.some((c) => c.name === AGENT_CONTAINER && agentMode(c) === 'sidecar');
}
