// Renders the generator's objects as one multi-document YAML that `kubectl apply -f` accepts.
import { stringify } from 'yaml';
import type { KubeDoc } from './workload-types';

export function toYaml(doc: unknown): string {
  return stringify(doc, { lineWidth: 0 });
}

export function multiDocYaml(docs: KubeDoc[]): string {
  return docs.map((d) => `---\n${toYaml(d)}`).join('');
}
