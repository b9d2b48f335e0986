// `strongroom agent …`: the secrets-agent commands (manifest, keygen, register), one file each.
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { registerAgentKeygenCommand } from './agent-keygen';
import { registerAgentManifestCommand } from './agent-manifest';
import { registerAgentRegisterCommand } from './agent-register';

export function registerAgentCommand(program: Command, ctx: CliContext): void {
  const agent = program
    .command('agent')
    .description('the secrets agent: generate its manifest, its keys for sealed delivery');
  registerAgentManifestCommand(agent, ctx);
  registerAgentKeygenCommand(agent, ctx);
  registerAgentRegisterCommand(agent, ctx);
}
