// A Secret as the API's JSON holds it, and the metadata-only form of it.

export interface ManagedField {
  manager?: string;
  operation?: string;
  time?: string;
}

/** The metadata fields sync reads. */
export interface SecretMetadata {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  managedFields?: ManagedField[];
}

/** A Secret exactly as the API's JSON holds it: `data` values are base64 strings. */
export interface RawSecret {
  metadata?: SecretMetadata;
  type?: string;
  data?: Record<string, string>;
  immutable?: boolean;
}

/** A Secret without its data, from a metadata-only list; `type` is unknown in a PartialObjectMetadataList. */
export interface SecretMeta {
  metadata: SecretMetadata;
  type: string | undefined;
}
