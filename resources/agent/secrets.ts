// Reads the configured Secrets through the API and decodes them (opening sealed values), failing with a reason per Secret.
import type { KeyObject } from 'node:crypto';
import { keyId, open, SEALED_ANNOTATION, SealedBoxError } from '../../src/main/agent/sealed-box';
import type { SecretSource } from './config';
import { type AgentSecret, ApiError, type InClusterClient } from './kube';
import type { DecodedSecret } from './layout';

/** Why the agent could not deliver a Secret; the message names it and never holds a value. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
}

export function explain(error: unknown, namespace: string, name?: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const what = name ? `Secret ${namespace}/${name}` : `the Secrets in ${namespace}`;
  if (error instanceof ApiError) {
    if (error.status === 404) return new DeliveryError(`${what} does not exist (NotFound)`);
    if (error.status === 403)
      return new DeliveryError(`the ServiceAccount may not read ${what} (Forbidden: ${error.message})`);
    if (error.status === 401)
      return new DeliveryError(`the API server refused the ServiceAccount token (Unauthorized)`);
    return new DeliveryError(`reading ${what} failed: HTTP ${error.status} ${error.reason}: ${error.message}`);
  }
  return new DeliveryError(`reading ${what} failed: ${(error as Error).message ?? String(error)}`);
}

/** Decodes base64 data; sealed Secrets (annotated) are opened with the agent's private key. */
export function decodeSecret(secret: AgentSecret, namespace: string, privateKey: KeyObject | undefined): DecodedSecret {
  const name = secret.metadata.name;
  const sealedTo = secret.metadata.annotations?.[SEALED_ANNOTATION];
  const values = new Map<string, Buffer>();
  if (sealedTo && !privateKey)
    throw new DeliveryError(
      `Secret ${namespace}/${name} is sealed; set STRONGROOM_AGENT_PRIVATE_KEY_FILE to the agent's private key`,
    );
  if (sealedTo && privateKey && keyId(privateKey) !== sealedTo)
    throw new DeliveryError(
      `Secret ${namespace}/${name} is sealed to key ${sealedTo}, not to this agent's key ${keyId(privateKey)}`,
    );
  for (const [key, b64] of Object.entries(secret.data ?? {})) {
    const raw = Buffer.from(b64, 'base64');
    if (!sealedTo || !privateKey) {
      values.set(key, raw);
      continue;
    }
    try {
      values.set(key, open(raw, privateKey, { namespace, secret: name, key }));
    } catch (error) {
      if (error instanceof SealedBoxError) throw new DeliveryError(error.message);
      throw error;
    }
  }
  return { name, values };
}

/** Reads every configured Secret once: GET by name (each must exist), or one list by label selector. */
export async function readAll(client: InClusterClient, source: SecretSource): Promise<AgentSecret[]> {
  if (source.kind === 'selector') {
    try {
      return (await client.listSecrets({ labelSelector: source.selector })).items;
    } catch (error) {
      throw explain(error, client.namespace);
    }
  }
  return Promise.all(
    source.names.map((name) =>
      client.getSecret(name).catch((error: unknown) => Promise.reject(explain(error, client.namespace, name))),
    ),
  );
}
