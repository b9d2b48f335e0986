// metav1.Status error bodies with the reasons, codes and messages kube-apiserver uses.
import type { RequestAttributes, ResourceDef } from './types';
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { continue?: string };
  status: 'Failure';
  message: string;
  reason: string;
  details?: Record<string, unknown>;
  code: number;
}

/** Thrown by handlers; the server turns it into a Status response. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
    readonly continueToken?: string,
  ) {
    super(message);
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.continueToken ? { continue: this.continueToken } : {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) body.details = this.details;
    return body;
  }
}

type Res = Pick<ResourceDef, 'group' | 'plural'>;

/** `secrets` or `deployments.apps`, as kube-apiserver names a resource in messages. */
export function qualified(def: Res): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

function details(def: Res, name?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(name ? { name } : {}), ...(def.group ? { group: def.group } : {}), kind: def.plural, ...extra };
}

/** utilerrors.Aggregate's text: one error alone, several in brackets. */
function aggregate(messages: string[]): string {
  return messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`;
}

/** field.ErrorType as a StatusCause type, from the message's leading words ("Required value: …"). */
function causeType(message: string): string {
  const types: Record<string, string> = {
    'Required value': 'FieldValueRequired',
    Forbidden: 'FieldValueForbidden',
    'Too long': 'FieldValueTooLong',
    'Unsupported value': 'FieldValueNotSupported',
    'Duplicate value': 'FieldValueDuplicate',
    'Not found': 'FieldValueNotFound',
  };
  const head = Object.keys(types).find((t) => message.startsWith(t));
  return head ? (types[head] as string) : 'FieldValueInvalid';
}

export const errors = {
  notFound: (def: Res, name: string) =>
    new ApiError(404, 'NotFound', `${qualified(def)} "${name}" not found`, details(def, name)),
  alreadyExists: (def: Res, name: string) =>
    new ApiError(409, 'AlreadyExists', `${qualified(def)} "${name}" already exists`, details(def, name)),
  conflict: (def: Res, name: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(def)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      details(def, name),
    ),
  invalid: (kind: string, group: string, name: string, causes: { field: string; message: string }[]) =>
    new ApiError(
      422,
      'Invalid',
      `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${aggregate(causes.map((c) => `${c.field}: ${c.message}`))}`,
      {
        name,
        ...(group ? { group } : {}),
        kind,
        causes: causes.map((c) => ({ reason: causeType(c.message), message: c.message, field: c.field })),
      },
    ),
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  methodNotAllowed: () =>
    new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {}),
  notAcceptable: (message: string) => new ApiError(406, 'NotAcceptable', message),
  unsupportedMediaType: (type: string) =>
    new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${type})`,
    ),
  expired: (message: string, continueToken?: string) =>
    new ApiError(410, 'Expired', message, undefined, {}, continueToken),
  tooManyRequests: (retryAfterSeconds: number) =>
    new ApiError(
      429,
      'TooManyRequests',
      'Too many requests, please try again later.',
      { retryAfterSeconds },
      {
        'Retry-After': String(retryAfterSeconds),
      },
    ),
  internal: (message: string) =>
    new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] }),
  /** JSON patch failures: kube-apiserver answers 422 with the patch library's message. */
  invalidPatch: (message: string) => new ApiError(422, 'Invalid', message, {}),
  pathNotFound: () => new ApiError(404, 'NotFound', 'the server could not find the requested resource', {}),
};

/** The message RBAC denials carry: `secrets "x" is forbidden: User "u" cannot get resource …`. */
export function forbidden(username: string, attrs: RequestAttributes): ApiError {
  if (!attrs.resource) {
    return new ApiError(
      403,
      'Forbidden',
      `forbidden: User "${username}" cannot ${attrs.verb} path "${attrs.path}"`,
      {},
    );
  }
  const res = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const group = attrs.apiGroup ?? '';
  const subject = attrs.name
    ? `${qualified({ group, plural: attrs.resource })} "${attrs.name}"`
    : qualified({ group, plural: attrs.resource });
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${username}" cannot ${attrs.verb} resource "${res}" in API group "${group}" ${scope}`;
  return new ApiError(403, 'Forbidden', message, details({ group, plural: attrs.resource }, attrs.name));
}
