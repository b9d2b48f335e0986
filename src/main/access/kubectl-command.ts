// Reads a Kubernetes API request (method + path) as its verb and resource, and names the kubectl command it most likely came from.

/** What kube-apiserver's RequestInfo would say about a request, plus our guess at the command. */
export interface RequestAttributes {
  verb: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  command: string;
  /** For exec and attach: the command line run in the container. */
  execCommand?: string;
}

const DISCOVERY: [RegExp, string][] = [
  [/^\/version\/?$/, 'kubectl version'],
  [/^\/openapi\//, 'kubectl explain (OpenAPI schema)'],
  [/^\/(api|apis)(\/[^/]+){0,2}\/?$/, 'kubectl api-resources (discovery)'],
];

const REVIEWS: Record<string, string> = {
  selfsubjectreviews: 'kubectl auth whoami',
  selfsubjectaccessreviews: 'kubectl auth can-i',
  selfsubjectrulesreviews: 'kubectl auth can-i --list',
};

/** kubectl names its field manager after the subcommand (`kubectl-create`, `kubectl-client-side-apply`, `kubectl-edit`). */
function commandFromFieldManager(manager: string | null): string | undefined {
  if (!manager) return undefined;
  if (manager === 'kubectl-client-side-apply' || manager === 'kubectl') return 'apply';
  const match = /^kubectl-([a-z-]+)$/.exec(manager);
  return match?.[1];
}

function verbOf(method: string, named: boolean, query: URLSearchParams): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (query.get('watch') === 'true' || query.get('watch') === '1') return 'watch';
      return named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

function scopeFlags(namespace: string, named: boolean, query: URLSearchParams): string[] {
  const flags: string[] = [];
  if (namespace) flags.push('-n', namespace);
  else if (!named) flags.push('-A');
  const selector = query.get('labelSelector');
  if (selector) flags.push('-l', selector);
  return flags;
}

function quote(word: string): string {
  return /^[\w@%+=:,./…-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function subresourceCommand(a: RequestAttributes, query: URLSearchParams): string | undefined {
  const ns = a.namespace ? ` -n ${a.namespace}` : '';
  switch (a.subresource) {
    case 'exec':
      return `kubectl exec ${a.name}${ns} -- ${a.execCommand ?? ''}`.trimEnd();
    case 'attach':
      return `kubectl attach ${a.name}${ns}`;
    case 'log':
      return `kubectl logs ${a.name}${ns}${query.get('follow') === 'true' ? ' -f' : ''}`;
    case 'portforward':
      return `kubectl port-forward ${a.name}${ns}`;
    case 'token':
      return `kubectl create token ${a.name}${ns}`;
    default:
      return undefined;
  }
}

function mainCommand(a: RequestAttributes, query: URLSearchParams): string {
  const named = a.name !== '';
  const target = [a.resource, ...(named ? [a.name] : [])];
  const flags = scopeFlags(a.namespace, named, query);
  const fromManager = commandFromFieldManager(query.get('fieldManager'));
  let words: string[];
  switch (a.verb) {
    case 'list':
    case 'get':
      words = ['get', ...target, ...flags];
      break;
    case 'watch':
      words = ['get', ...target, ...flags, '-w'];
      break;
    case 'create':
      words = fromManager === 'apply' ? ['apply', '-f', '…', ...flags] : ['create', a.resource, ...flags];
      break;
    case 'update':
      words = [fromManager ?? 'replace', ...target, ...flags];
      break;
    case 'patch':
      words = fromManager === 'apply' ? ['apply', '-f', '…', ...flags] : [fromManager ?? 'patch', ...target, ...flags];
      break;
    case 'delete':
    case 'deletecollection':
      words = ['delete', ...target, ...flags, ...(named ? [] : ['--all'])];
      break;
    default:
      words = [a.verb, ...target, ...flags];
  }
  if (a.subresource && !['status', 'scale'].includes(a.subresource)) words.push(`(${a.subresource})`);
  return `kubectl ${words.map(quote).join(' ')}`;
}

/** Parses `/api/v1/namespaces/NS/pods/NAME/exec?…` and friends the way kube-apiserver splits them. */
export function describeRequest(method: string, pathWithQuery: string): RequestAttributes {
  const url = new URL(pathWithQuery, 'http://x');
  const path = url.pathname;
  const query = url.searchParams;
  const base = { subresource: '', namespace: '', name: '' };
  for (const [pattern, command] of DISCOVERY) {
    if (pattern.test(path)) return { ...base, verb: 'get', resource: '', command };
  }
  const parts = path.split('/').filter(Boolean);
  // /api/v1/... or /apis/GROUP/VERSION/...
  let rest: string[];
  if (parts[0] === 'api') rest = parts.slice(2);
  else if (parts[0] === 'apis') rest = parts.slice(3);
  else return { ...base, verb: method.toLowerCase(), resource: '', command: `kubectl get --raw ${path}` };
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = decodeURIComponent(rest[1] ?? '');
    rest = rest.slice(2);
  }
  const resource = rest[0] ?? '';
  const name = decodeURIComponent(rest[1] ?? '');
  const subresource = rest[2] ?? '';
  // GET /api/v1/namespaces/NS is the namespace object itself.
  const attrs: RequestAttributes = {
    verb: verbOf(method, name !== '' || (resource === 'namespaces' && namespace !== ''), query),
    resource: resource || (namespace ? 'namespaces' : ''),
    subresource,
    namespace: resource ? namespace : '',
    name: resource ? name : namespace,
    command: '',
  };
  if (subresource === 'exec' || subresource === 'attach') {
    attrs.verb = subresource === 'exec' ? 'exec' : 'attach';
    const words = query.getAll('command');
    if (words.length > 0) attrs.execCommand = words.map(quote).join(' ');
  }
  const review = REVIEWS[attrs.resource];
  attrs.command = review ?? subresourceCommand(attrs, query) ?? mainCommand(attrs, query);
  return attrs;
}

/**
 * `describeRequest`, remembered per method and path: a session repeats the same few (kubectl's discovery,
 * a polled object, a re-opened watch), and the proxy describes every request it relays.
 */
export class RequestDescriber {
  private readonly seen = new Map<string, RequestAttributes>();

  constructor(private readonly capacity = 512) {}

  describe(method: string, pathWithQuery: string): Readonly<RequestAttributes> {
    const key = `${method} ${pathWithQuery}`;
    let attrs = this.seen.get(key);
    if (!attrs) {
      // A session that never repeats itself starts over rather than growing without bound.
      if (this.seen.size >= this.capacity) this.seen.clear();
      attrs = describeRequest(method, pathWithQuery);
      this.seen.set(key, attrs);
    }
    return attrs;
  }
}
