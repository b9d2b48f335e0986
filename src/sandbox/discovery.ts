// Legacy discovery documents (/version, /api, /apis, /api/v1, /apis/<group>/<version>) as kube-apiserver serves them.
import { createHash } from 'node:crypto';
import { GROUP_VERSIONS, groupVersion, RESOURCES, REVIEWS } from './resources';
import type { ResourceDef } from './types';

export const VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0+strongroom-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function storageVersionHash(def: ResourceDef): string {
  return createHash('sha256').update(`${def.group}/${def.version}/${def.kind}`).digest('base64').slice(0, 11);
}

function apiResources(gv: string): unknown[] {
  const list: unknown[] = [];
  for (const def of [...RESOURCES, ...REVIEWS].filter((d) => groupVersion(d) === gv)) {
    list.push({
      name: def.plural,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: def.verbs,
      ...(def.shortNames ? { shortNames: def.shortNames } : {}),
      ...(REVIEWS.includes(def) ? {} : { storageVersionHash: storageVersionHash(def) }),
    });
    for (const [sub, verbs] of Object.entries(def.subresources ?? {})) {
      list.push(
        sub === 'token'
          ? {
              name: `${def.plural}/token`,
              singularName: '',
              namespaced: true,
              group: 'authentication.k8s.io',
              version: 'v1',
              kind: 'TokenRequest',
              verbs,
            }
          : { name: `${def.plural}/${sub}`, singularName: '', namespaced: def.namespaced, kind: def.kind, verbs },
      );
    }
  }
  return list;
}

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(gv: string): unknown {
  const [name, version] = gv.split('/');
  const v = { groupVersion: gv, version };
  return { name, versions: [v], preferredVersion: v };
}

export function apiGroupList(): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: GROUP_VERSIONS.map(apiGroup) };
}

/** The document for `/apis/<group>`, or undefined when the group is not served. */
export function apiGroupDoc(group: string): unknown {
  const gv = GROUP_VERSIONS.find((g) => g.startsWith(`${group}/`));
  return gv ? { kind: 'APIGroup', apiVersion: 'v1', ...(apiGroup(gv) as object) } : undefined;
}

/** The APIResourceList for `v1` or `<group>/<version>`, or undefined when not served. */
export function apiResourceList(gv: string): unknown {
  if (gv !== 'v1' && !GROUP_VERSIONS.includes(gv)) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: apiResources(gv) };
}
