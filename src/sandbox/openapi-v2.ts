// `/openapi/v2`: the Swagger 2.0 document kubectl's client-side validation reads, as JSON or as the gnostic
// protobuf (openapi_v2.Document) that kubectl asks for.
import { stringify } from 'yaml';
import { VERSION } from './discovery';
import { allSchemas } from './openapi';

type Schema = Record<string, unknown>;

/** What kubectl asks for; '@' is not valid in a Content-Type, so kube-openapi answers with the dotted form. */
export const PROTOBUF_V2 = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
const PROTOBUF_V2_DOTTED = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

/** Swagger 2.0 keeps schemas under `definitions`; the v3 documents use `components/schemas`. */
function toV2(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toV2);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', '#/definitions/')
        : key.startsWith('x-')
          ? value
          : toV2(value);
  }
  return out;
}

function swagger(): Schema {
  const definitions: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(allSchemas())) definitions[name] = toV2(schema);
  return { swagger: '2.0', info: { title: 'Kubernetes', version: VERSION.gitVersion }, paths: {}, definitions };
}

// Protobuf wire format: just what openapi_v2.Document needs (strings, bools, nested messages).
const varint = (n: number): number[] => {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return bytes;
};
const field = (no: number, payload: Buffer): Buffer =>
  Buffer.concat([Buffer.from([...varint((no << 3) | 2), ...varint(payload.length)]), payload]);
const text = (no: number, value: string): Buffer => field(no, Buffer.from(value, 'utf8'));
const flag = (no: number, value: boolean): Buffer => Buffer.from([...varint(no << 3), value ? 1 : 0]);
const join = (parts: Buffer[]): Buffer => Buffer.concat(parts);

/** NamedAny: a vendor extension whose value is carried as YAML, as gnostic does. */
const extension = (no: number, name: string, value: unknown): Buffer =>
  field(no, join([text(1, name), field(2, text(2, stringify(value)))]));

/** openapi_v2.Schema (field numbers from gnostic's OpenAPIv2.proto). */
function schemaMessage(s: Schema): Buffer {
  const parts: Buffer[] = [];
  if (typeof s.$ref === 'string') parts.push(text(1, s.$ref));
  if (typeof s.format === 'string') parts.push(text(2, s.format));
  if (typeof s.description === 'string') parts.push(text(4, s.description));
  for (const name of (s.required as string[] | undefined) ?? []) parts.push(text(19, name));
  const extra = s.additionalProperties;
  if (typeof extra === 'boolean') parts.push(field(21, flag(2, extra)));
  else if (typeof extra === 'object' && extra !== null) parts.push(field(21, field(1, schemaMessage(extra as Schema))));
  if (typeof s.type === 'string') parts.push(field(22, text(1, s.type)));
  if (typeof s.items === 'object' && s.items !== null)
    parts.push(field(23, field(1, schemaMessage(s.items as Schema))));
  if (typeof s.properties === 'object' && s.properties !== null) {
    const named = Object.entries(s.properties as Record<string, Schema>).map(([name, value]) =>
      field(1, join([text(1, name), field(2, schemaMessage(value))])),
    );
    parts.push(field(25, join(named)));
  }
  for (const [key, value] of Object.entries(s)) if (key.startsWith('x-')) parts.push(extension(31, key, value));
  return join(parts);
}

function documentMessage(doc: Schema): Buffer {
  const info = doc.info as { title: string; version: string };
  const definitions = Object.entries(doc.definitions as Record<string, Schema>).map(([name, value]) =>
    field(1, join([text(1, name), field(2, schemaMessage(value))])),
  );
  return join([
    text(1, String(doc.swagger)),
    field(2, join([text(1, info.title), text(2, info.version)])),
    field(8, Buffer.alloc(0)),
    field(9, join(definitions)),
  ]);
}

const json = JSON.stringify(swagger());
const protobuf = documentMessage(swagger());

/** The document in the form `accept` asks for: protobuf when asked (kubectl), JSON otherwise. */
export function openapiV2(accept: string): { body: Buffer | string; contentType: string } {
  if (accept.includes(PROTOBUF_V2) || accept.includes(PROTOBUF_V2_DOTTED))
    return { body: protobuf, contentType: PROTOBUF_V2_DOTTED };
  return { body: json, contentType: 'application/json' };
}
