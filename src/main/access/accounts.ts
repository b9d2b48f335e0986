// A cluster's access accounts: the built-in view/edit/admin ServiceAccounts of the setup YAML, and custom ones.
import { AppError } from '../../shared/errors';
import { type AccessAccount, accessServiceAccountName, BUILT_IN_ACCESS_ACCOUNTS } from '../../shared/ipc/access';
import type { AccessRepo } from './repo';

/** Where the setup YAML puts the access ServiceAccounts by default. */
export const ACCESS_NAMESPACE = 'strongroom';

export function builtInAccounts(namespace = ACCESS_NAMESPACE): AccessAccount[] {
  return BUILT_IN_ACCESS_ACCOUNTS.map((name) => ({
    name,
    namespace,
    serviceAccount: accessServiceAccountName(name),
    builtIn: true,
  }));
}

export function listAccounts(repo: AccessRepo, clusterId: string): AccessAccount[] {
  return [...builtInAccounts(), ...repo.customAccounts(clusterId)];
}

export function findAccount(repo: AccessRepo, clusterId: string, clusterName: string, name: string): AccessAccount {
  const accounts = listAccounts(repo, clusterId);
  const found = accounts.find((a) => a.name === name);
  if (!found)
    throw new AppError(
      'not_found',
      `Cluster "${clusterName}" has no access account "${name}".`,
      `Choose one of: ${accounts.map((a) => a.name).join(', ')}, or add one with strongroom access-account add.`,
    );
  return found;
}

export function addAccount(repo: AccessRepo, clusterId: string, account: AccessAccount, now: number): AccessAccount {
  if (listAccounts(repo, clusterId).some((a) => a.name === account.name))
    throw new AppError(
      'already_exists',
      `This cluster already has an access account named "${account.name}".`,
      'Choose another name.',
    );
  const custom = { ...account, builtIn: false };
  repo.addAccount(clusterId, custom, now);
  return custom;
}
