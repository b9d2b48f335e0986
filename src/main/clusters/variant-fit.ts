// Compares what an account may do with the setup variant the user chose, and words the connection test's verdict.
import type { PermissionReport, SetupVariant } from '../../shared/clusters';

/** The account step's verdict once the account may list Secrets. */
export interface VariantFit {
  status: 'pass' | 'warn';
  /** Sentences after "Signed in as …". */
  detail: string[];
  fix?: string;
}

/** The broader Strongroom setup whose rules the account holds, named so the user can pick it. */
function broaderVariant(variant: SetupVariant, beyond: string[]): SetupVariant {
  // A namespaced account that lists Secrets everywhere holds a cluster-wide setup; write rights mean read-write.
  const writes = beyond.some((line) => !/^list Secrets in all namespaces$/.test(line));
  return variant === 'namespaced' && !writes ? 'read-only' : 'read-write';
}

/**
 * Only rights that no Strongroom setup grants (cluster-admin, deleting Secrets…) are called an admin
 * account. Rights of a broader setup than the chosen one — the read-write setup YAML's own
 * ServiceAccount tested as read-only — say which variant they match instead.
 */
export function judgeVariantFit(
  variant: SetupVariant,
  report: Pick<PermissionReport, 'missing' | 'excessive' | 'beyondVariant'>,
): VariantFit {
  const { missing, excessive, beyondVariant } = report;
  const detail: string[] = [];
  if (missing.length) detail.push(`Missing for the ${variant} setup: ${missing.join('; ')}.`);
  if (excessive.length) detail.push(`More than Strongroom needs: ${excessive.join('; ')}.`);
  if (beyondVariant.length) detail.push(`More than the ${variant} setup needs: ${beyondVariant.join('; ')}.`);
  if (detail.length === 0) return { status: 'pass', detail: [`It has exactly what the ${variant} setup needs.`] };
  if (excessive.length) {
    return {
      status: 'warn',
      detail,
      fix: 'Use a dedicated ServiceAccount with the setup YAML’s role instead of an admin account.',
    };
  }
  if (beyondVariant.length) {
    const broader = broaderVariant(variant, beyondVariant);
    return {
      status: 'warn',
      detail,
      fix: `These are the ${broader} setup’s rights: choose the ${broader} variant if that is the setup you applied, or apply the ${variant} setup YAML for a narrower account.`,
    };
  }
  return {
    status: 'warn',
    detail,
    fix: `Apply the ${variant} setup YAML again, or choose the variant that matches this account.`,
  };
}
