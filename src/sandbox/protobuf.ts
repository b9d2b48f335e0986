// Decodes the protobuf request bodies kubectl's typed clients send (create namespace/secret/configmap/serviceaccount,
// reviews, TokenRequest) into the JSON shapes the handlers read. Other kinds get 415; responses stay JSON.
import { errors } from './status';

type Fields = Map<number, (Buffer | number)[]>;
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

function varint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) throw errors.badRequest('truncated protobuf body');
    result += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [result, pos];
    shift += 7;
  }
}

function parse(buf: Buffer): Fields {
  const fields: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, next] = varint(buf, pos);
    pos = next;
    const field = Math.floor(tag / 8);
    let value: Buffer | number;
    switch (tag & 7) {
      case 0:
        [value, pos] = varint(buf, pos);
        break;
      case 2: {
        const [len, start] = varint(buf, pos);
        value = buf.subarray(start, start + len);
        pos = start + len;
        break;
      }
      case 1:
        value = 0;
        pos += 8;
        break;
      case 5:
        value = 0;
        pos += 4;
        break;
      default:
        throw errors.badRequest('unsupported protobuf wire type');
    }
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

const str = (f: Fields, n: number) => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
};
const strs = (f: Fields, n: number) => (f.get(n) ?? []).filter(Buffer.isBuffer).map((b) => b.toString('utf8'));
const msg = (f: Fields, n: number): Fields | undefined => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? parse(v) : undefined;
};
const num = (f: Fields, n: number) => {
  const v = f.get(n)?.[0];
  return typeof v === 'number' ? v : undefined;
};

function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function map(f: Fields, n: number, asBase64 = false): Record<string, string> | undefined {
  const entries = (f.get(n) ?? []).filter(Buffer.isBuffer).map((b) => {
    const e = parse(b);
    const v = e.get(2)?.[0];
    const value = Buffer.isBuffer(v) ? (asBase64 ? v.toString('base64') : v.toString('utf8')) : '';
    return [str(e, 1) ?? '', value] as const;
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function bool(f: Fields, n: number): boolean | undefined {
  const v = num(f, n);
  return v === undefined ? undefined : v !== 0;
}

/** ObjectMeta: name 1, generateName 2, namespace 3, resourceVersion 6, labels 11, annotations 12, finalizers 14. */
function meta(f: Fields | undefined): Record<string, unknown> {
  if (!f) return {};
  return clean({
    name: str(f, 1),
    generateName: str(f, 2),
    namespace: str(f, 3),
    resourceVersion: str(f, 6),
    labels: map(f, 11),
    annotations: map(f, 12),
    finalizers: f.has(14) ? strs(f, 14) : undefined,
  });
}

const refs = (f: Fields, n: number) =>
  (f.get(n) ?? []).filter(Buffer.isBuffer).map((b) => clean({ name: str(parse(b), 1) }));

/** Decodes a `k8s\0`-framed runtime.Unknown holding one of the kinds above. */
export function decodeProtobuf(body: Buffer): unknown {
  if (!body.subarray(0, 4).equals(MAGIC)) throw errors.badRequest('the body is not a Kubernetes protobuf message');
  const unknown = parse(body.subarray(4));
  const typeMeta = msg(unknown, 1);
  const kind = typeMeta ? str(typeMeta, 2) : undefined;
  const raw = parse((unknown.get(2)?.[0] as Buffer | undefined) ?? Buffer.alloc(0));
  const metadata = meta(msg(raw, 1));
  const spec = msg(raw, 2);
  switch (kind) {
    case 'Namespace':
      return { apiVersion: 'v1', kind, metadata };
    case 'Secret':
      return clean({
        apiVersion: 'v1',
        kind,
        metadata,
        data: map(raw, 2, true),
        type: str(raw, 3),
        stringData: map(raw, 4),
        immutable: bool(raw, 5),
      });
    case 'ConfigMap':
      return clean({
        apiVersion: 'v1',
        kind,
        metadata,
        data: map(raw, 2),
        binaryData: map(raw, 3, true),
        immutable: bool(raw, 4),
      });
    case 'ServiceAccount': {
      const secrets = refs(raw, 2);
      const pull = refs(raw, 3);
      return clean({
        apiVersion: 'v1',
        kind,
        metadata,
        secrets: secrets.length ? secrets : undefined,
        imagePullSecrets: pull.length ? pull : undefined,
        automountServiceAccountToken: bool(raw, 4),
      });
    }
    case 'SelfSubjectReview':
      return { kind, metadata };
    case 'SelfSubjectRulesReview':
      return { kind, metadata, spec: clean({ namespace: spec && str(spec, 1) }) };
    case 'SelfSubjectAccessReview': {
      const ra = spec && msg(spec, 1);
      const nra = spec && msg(spec, 2);
      return {
        kind,
        metadata,
        spec: clean({
          resourceAttributes: ra
            ? clean({
                namespace: str(ra, 1),
                verb: str(ra, 2),
                group: str(ra, 3),
                version: str(ra, 4),
                resource: str(ra, 5),
                subresource: str(ra, 6),
                name: str(ra, 7),
              })
            : undefined,
          nonResourceAttributes: nra ? clean({ path: str(nra, 1), verb: str(nra, 2) }) : undefined,
        }),
      };
    }
    case 'TokenRequest': {
      const ref = spec && msg(spec, 3);
      return {
        kind,
        metadata,
        spec: clean({
          audiences: spec ? strs(spec, 1) : [],
          expirationSeconds: spec && num(spec, 4),
          boundObjectRef: ref
            ? clean({ kind: str(ref, 1), apiVersion: str(ref, 2), name: str(ref, 3), uid: str(ref, 4) })
            : undefined,
        }),
      };
    }
    default:
      throw errors.unsupportedMediaType('application/vnd.kubernetes.protobuf');
  }
}
