// Parses the CLI's references: KUBE_RESOURCE/SECRET:KEY for a Secret key and RESOURCE/ACCOUNT for an account.
import { AppError } from '../shared/errors';

/** KUBE_RESOURCE/SECRET:KEY. Secret names and keys hold neither `/` nor `:`, so the last `/` and the next `:` split it. */
export function parseSecretKeyRef(text: string): { kubeResource: string; secret: string; key: string } {
  const slash = text.lastIndexOf('/');
  const colon = text.indexOf(':', slash + 1);
  if (slash <= 0 || colon <= slash + 1 || colon === text.length - 1) {
    throw new AppError(
      'invalid_input',
      `"${text.slice(0, 200)}" is not KUBE_RESOURCE/SECRET:KEY.`,
      'e.g. prod-db-cluster1/app-db:password',
    );
  }
  return { kubeResource: text.slice(0, slash), secret: text.slice(slash + 1, colon), key: text.slice(colon + 1) };
}

/** RESOURCE/ACCOUNT. Rotatable resource names hold no `/`, so the first `/` splits it. */
export function parseAccountRef(text: string): { resource: string; account: string } {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) {
    throw new AppError('invalid_input', `"${text.slice(0, 200)}" is not RESOURCE/ACCOUNT.`, 'e.g. orders-db/app');
  }
  return { resource: text.slice(0, slash), account: text.slice(slash + 1) };
}
