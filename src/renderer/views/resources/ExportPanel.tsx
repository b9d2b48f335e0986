// Export from the vault: an account as a Secret manifest, a resource or a cluster as a List or an encrypted bundle.
import { call } from '../../client';
import { ExportForm } from '../../components/ExportForm';

export type ExportTarget =
  | { kind: 'account'; accountId: number; name: string }
  | { kind: 'resource'; resourceId: number; name: string }
  | { kind: 'cluster'; clusterId: string; name: string };

export function ExportPanel({ target, startOpen }: { target: ExportTarget; startOpen?: boolean }) {
  const { name, ...wire } = target;
  return (
    <ExportForm
      title={target.kind === 'account' ? 'Export this Secret' : `Export the ${target.kind} ${name}`}
      baseName={name}
      formats={[
        ...(target.kind === 'account'
          ? [{ value: 'json' as const, label: 'Secret manifest (.json, kubectl apply -f)' }]
          : []),
        { value: 'list', label: 'v1 List (.json)' },
        { value: 'bundle', label: 'Encrypted bundle' },
      ]}
      submit={(request) => call('resources:export', { target: wire, ...request })}
      startOpen={startOpen}
    />
  );
}
