// The one agent-sidecar check: a running agent in sidecar mode, whether native (init + Always) or a plain container.
import { expect, it } from 'vitest';
import { hasAgentSidecar } from './agent-sidecar';

const agent = (mode: string, restartPolicy?: string) => ({
  name: 'strongroom-agent',
  ...(restartPolicy ? { restartPolicy } : {}),
  env: [{ name: 'STRONGROOM_AGENT_MODE', value: mode }],
});
const app = { name: 'app' };

it('counts a native sidecar (an init container that keeps running) and a plain container in sidecar mode', () => {
  expect(hasAgentSidecar({ containers: [app], initContainers: [agent('sidecar', 'Always')] })).toBe(true);
  expect(hasAgentSidecar({ containers: [app, agent('sidecar')] })).toBe(true);
});

it('does not count an agent that writes once: init mode, or an init container that does not keep running', () => {
  expect(hasAgentSidecar({ containers: [app], initContainers: [agent('init')] })).toBe(false);
  expect(hasAgentSidecar({ containers: [app, agent('init')] })).toBe(false);
  expect(hasAgentSidecar({ containers: [app], initContainers: [agent('sidecar')] })).toBe(false);
  expect(
    hasAgentSidecar({ containers: [app], initContainers: [{ name: 'strongroom-agent', restartPolicy: 'Always' }] }),
  ).toBe(false);
});

it('does not count the mode variable on another container, or no pod spec at all', () => {
  expect(
    hasAgentSidecar({ containers: [{ name: 'app', env: [{ name: 'STRONGROOM_AGENT_MODE', value: 'sidecar' }] }] }),
  ).toBe(false);
  expect(hasAgentSidecar(undefined)).toBe(false);
});
