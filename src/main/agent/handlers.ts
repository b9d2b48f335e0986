// IPC handlers of the agent channels: workloads, manifest with diff, apply, agent keys and seal.
import type { Handlers } from '../ipc/dispatch';
import type { AgentService } from './service';

type AgentChannels =
  | 'agent:workloads'
  | 'agent:manifest'
  | 'agent:apply'
  | 'agent:keys'
  | 'agent:registerKey'
  | 'agent:seal';

export function agentHandlers(agent: AgentService): Pick<Handlers, AgentChannels> {
  return {
    'agent:workloads': ({ clusterId, namespace }) => agent.workloads(clusterId, namespace),
    'agent:manifest': async (input) => (await agent.manifest(input)).view,
    'agent:apply': (input) => agent.apply(input),
    'agent:keys': ({ clusterId }) => agent.keys(clusterId),
    'agent:registerKey': ({ clusterId, namespace, agent: name, publicKeyPem }) =>
      agent.registerKey(clusterId, namespace, name, publicKeyPem),
    'agent:seal': ({ clusterId, namespace, secret, agent: name }) => agent.seal(clusterId, namespace, secret, name),
  };
}
