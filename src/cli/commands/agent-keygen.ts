// `strongroom agent keygen [-o PREFIX]`: a new X25519 key pair for sealed delivery, PREFIX.key (0600) and PREFIX.pub.
import type { Command } from 'commander';
import { generateAgentKeyPair, keyId, parsePublicKey } from '../../main/agent/sealed-box';
import type { CliContext } from '../context';
import { writeOutputFile } from '../output-file';

const KEEP_OLD_KEY = 'Choose another -o prefix, or move the old key away first.';

export function registerAgentKeygenCommand(agent: Command, ctx: CliContext): void {
  agent
    .command('keygen')
    .description('create an agent key pair for sealed delivery (the private key goes only into the pod)')
    .option('-o, --output <prefix>', 'file prefix: writes PREFIX.key and PREFIX.pub', 'agent')
    .action((o: { output: string }) => {
      const pair = generateAgentKeyPair();
      const id = keyId(parsePublicKey(pair.publicKeyPem));
      writeOutputFile(`${o.output}.key`, pair.privateKeyPem, false, 0o600, KEEP_OLD_KEY);
      writeOutputFile(`${o.output}.pub`, pair.publicKeyPem, false, 0o644, KEEP_OLD_KEY);
      ctx.print({ privateKey: `${o.output}.key`, publicKey: `${o.output}.pub`, keyId: id }, () =>
        [
          `wrote ${o.output}.key (private, mode 0600) and ${o.output}.pub; key id ${id}`,
          `next: strongroom agent register CLUSTER NS/AGENT --public-key ${o.output}.pub`,
          `      kubectl -n NS create secret generic AGENT-key --from-file=private.pem=${o.output}.key`,
        ].join('\n'),
      );
    });
}
