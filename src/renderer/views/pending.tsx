// Sections that later work fills in, each with the list of what it will hold.
import { PendingView } from '../components/PendingView';

export function MappingView() {
  return (
    <PendingView
      id="mapping"
      plans={[
        'Associate a Secret key (cluster, namespace, Secret, key) with an account of another resource.',
        'Mapped Resource Details: for a Kubernetes resource, each key and the account it maps to.',
        'Suggested mappings from equal values and similar names, so new Secrets need no hand mapping.',
      ]}
    />
  );
}
