// Renders the setup YAML (ServiceAccount, token Secret, RBAC) from resources/setup templates with the yaml package.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Document, parseAllDocuments } from 'yaml';
import type { SetupVariant, SetupYaml } from '../../shared/clusters';
import { AppError } from '../../shared/errors';
import { accessServiceAccountName, type BuiltInAccessAccount } from '../../shared/ipc/access';

export interface SetupYamlOptions {
  variant: SetupVariant;
  /** Where the ServiceAccount, its token Secret and the access accounts live. */
  namespace?: string;
  serviceAccount?: string;
  /** Emit the Namespace object (off when the namespace already exists and is managed elsewhere). */
  createNamespace?: boolean;
  /** For the namespaced variant: the namespaces Strongroom may work in. */
  targetNamespaces?: string[];
  /** For the namespaced variant: read-only (default) or read-write rules in each namespace. */
  access?: 'read-only' | 'read-write';
  /** Read-write only: the just-in-time access accounts to create, each bound to the ClusterRole of its name. */
  accessAccounts?: BuiltInAccessAccount[];
  /**
   * With access accounts: also let Strongroom create and delete the per-session Secrets that session
   * tokens are bound to (Secrets in its own namespace), so that ending a session revokes its token at once.
   */
  sessionSecrets?: boolean;
}

/** One permission the variant grants, flattened from the template's rules. */
export interface RequiredPermission {
  group: string;
  resource: string;
  verb: string;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** These cannot go in a Role: a Role only grants namespaced resources. */
const CLUSTER_SCOPED = new Set([
  'namespaces',
  'selfsubjectreviews',
  'selfsubjectrulesreviews',
  'selfsubjectaccessreviews',
]);

export function assertDnsLabel(value: string, what: string): string {
  if (value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw new AppError(
      'invalid_input',
      `"${value.slice(0, 80)}" is not a valid ${what}.`,
      'Use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit.',
    );
  }
  return value;
}

/** Finds resources/setup from the source tree or the built output, or from STRONGROOM_RESOURCES_DIR. */
export function setupTemplatesDir(): string {
  if (process.env.STRONGROOM_RESOURCES_DIR) return path.join(process.env.STRONGROOM_RESOURCES_DIR, 'setup');
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources', 'setup');
    if (fs.existsSync(path.join(candidate, 'account.yaml'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('resources/setup not found next to the application');
}

const cache = new Map<string, string>();
function loadTemplate(name: string): Document[] {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(setupTemplatesDir(), `${name}.yaml`), 'utf8');
    cache.set(name, text);
  }
  // Parsed fresh each time: rendering mutates the documents.
  return parseAllDocuments(text) as Document[];
}

function kindOf(doc: Document): string {
  return String(doc.get('kind'));
}

function rulesOf(variant: 'read-only' | 'read-write'): unknown[] {
  const role = loadTemplate(variant).find((d) => kindOf(d) === 'ClusterRole');
  if (!role) throw new Error(`resources/setup/${variant}.yaml has no ClusterRole`);
  return (role.toJS() as { rules: unknown[] }).rules;
}

/** Every (group, resource, verb) the variant grants; the connection test checks the account against it. */
export function requiredPermissions(variant: SetupVariant, access: 'read-only' | 'read-write' = 'read-only') {
  const rules = rulesOf(variant === 'namespaced' ? access : variant) as {
    apiGroups: string[];
    resources: string[];
    verbs: string[];
  }[];
  const out: RequiredPermission[] = [];
  for (const rule of rules) {
    for (const group of rule.apiGroups)
      for (const resource of rule.resources) for (const verb of rule.verbs) out.push({ group, resource, verb });
  }
  return out;
}

export function isClusterScoped(resource: string): boolean {
  return CLUSTER_SCOPED.has(resource);
}

function roleName(namespace: string, serviceAccount: string, variant: SetupVariant): string {
  return namespace === serviceAccount ? `${serviceAccount}-${variant}` : `${namespace}-${serviceAccount}-${variant}`;
}

/** ServiceAccounts and bindings of the access accounts, and the Role that lets Strongroom mint their tokens only. */
function accessAccountDocs(options: SetupYamlOptions, namespace: string, sa: string, role: string): Document[] {
  const chosen = [...new Set(options.accessAccounts ?? [])];
  if (chosen.length === 0) {
    if (options.sessionSecrets)
      throw new AppError(
        'invalid_input',
        'Session Secrets go with access accounts.',
        'Add --access-accounts view,edit,admin (or some of them).',
      );
    return [];
  }
  if (options.variant !== 'read-write')
    throw new AppError(
      'invalid_input',
      'Access accounts come with the read-write setup only.',
      'Use --variant read-write with --access-accounts.',
    );
  const names = chosen.map(accessServiceAccountName);
  const out: Document[] = [];
  const template = loadTemplate('access-accounts');
  chosen.forEach((short, i) => {
    for (const doc of template.slice(0, 2)) {
      const copy = doc.clone();
      const clusterScoped = kindOf(copy) === 'ClusterRoleBinding' && namespace !== 'strongroom';
      copy.setIn(['metadata', 'name'], clusterScoped ? `${namespace}-${names[i]}` : names[i]);
      if (kindOf(copy) === 'ServiceAccount') copy.setIn(['metadata', 'namespace'], namespace);
      else {
        copy.setIn(['roleRef', 'name'], short);
        copy.setIn(['subjects', 0, 'name'], names[i]);
        copy.setIn(['subjects', 0, 'namespace'], namespace);
      }
      out.push(copy);
    }
  });
  for (const doc of template.slice(2)) {
    doc.setIn(['metadata', 'name'], `${role}-access-tokens`);
    doc.setIn(['metadata', 'namespace'], namespace);
    if (kindOf(doc) === 'Role') {
      doc.setIn(['rules', 0, 'resourceNames'], doc.createNode(names));
      if (options.sessionSecrets)
        doc.addIn(['rules'], doc.createNode({ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'delete'] }));
    } else {
      doc.setIn(['roleRef', 'name'], `${role}-access-tokens`);
      doc.setIn(['subjects', 0, 'name'], sa);
      doc.setIn(['subjects', 0, 'namespace'], namespace);
    }
    out.push(doc);
  }
  return out;
}

/** Builds the YAML and the kubectl commands. Names are validated, so the commands are safe to paste. */
export function renderSetupYaml(options: SetupYamlOptions): SetupYaml {
  const namespace = assertDnsLabel(options.namespace ?? 'strongroom', 'namespace name');
  const sa = assertDnsLabel(options.serviceAccount ?? 'strongroom', 'ServiceAccount name');
  const secretName = `${sa}-token`;
  const variant = options.variant;
  const role = roleName(namespace, sa, variant);
  const targets = [...new Set(options.targetNamespaces ?? [])].map((ns) => assertDnsLabel(ns, 'namespace name'));
  if (variant === 'namespaced' && targets.length === 0) {
    throw new AppError(
      'invalid_input',
      'The namespaced setup needs at least one namespace.',
      'Choose the namespaces Strongroom may work in.',
    );
  }

  const docs: Document[] = [];
  for (const doc of loadTemplate('account')) {
    if (kindOf(doc) === 'Namespace' && options.createNamespace === false) continue;
    doc.setIn(
      ['metadata', 'name'],
      kindOf(doc) === 'Namespace' ? namespace : kindOf(doc) === 'Secret' ? secretName : sa,
    );
    if (kindOf(doc) !== 'Namespace') doc.setIn(['metadata', 'namespace'], namespace);
    if (kindOf(doc) === 'Secret') doc.setIn(['metadata', 'annotations', 'kubernetes.io/service-account.name'], sa);
    docs.push(doc);
  }
  const roleRules = (rulesOf(options.access ?? 'read-only') as { resources: string[] }[])
    .map((r) => ({ ...r, resources: r.resources.filter((res) => !isClusterScoped(res)) }))
    .filter((r) => r.resources.length > 0);
  const perNamespace: Document[] = [];
  for (const doc of loadTemplate(variant)) {
    const kind = kindOf(doc);
    doc.setIn(['metadata', 'name'], role);
    if (kind.endsWith('Binding')) {
      doc.setIn(['roleRef', 'name'], role);
      doc.setIn(['subjects', 0, 'name'], sa);
      doc.setIn(['subjects', 0, 'namespace'], namespace);
    }
    if (kind === 'Role') doc.set('rules', doc.createNode(roleRules));
    (kind === 'Role' || kind === 'RoleBinding' ? perNamespace : docs).push(doc);
  }
  for (const target of targets) {
    for (const doc of perNamespace) {
      const copy = doc.clone();
      copy.setIn(['metadata', 'namespace'], target);
      docs.push(copy);
    }
  }

  docs.push(...accessAccountDocs(options, namespace, sa, role));

  const header = `# Strongroom setup YAML (${variant}${variant === 'namespaced' ? `, ${options.access ?? 'read-only'}` : ''}).\n# Apply with: kubectl apply -f strongroom-${variant}.yaml\n`;
  const yaml = header + docs.map((d) => d.toString({ lineWidth: 0 }).replace(/^---\n/, '')).join('---\n');
  const jsonpath = (field: string) =>
    `kubectl -n ${namespace} get secret ${secretName} -o jsonpath='{.data.${field}}' | base64 -d`;
  const fileName = `strongroom-${variant}.yaml`;
  return {
    variant,
    yaml,
    fileName,
    commands: { apply: `kubectl apply -f ${fileName}`, printToken: jsonpath('token'), printCa: jsonpath('ca\\.crt') },
    serviceAccount: { namespace, name: sa, secretName },
  };
}
