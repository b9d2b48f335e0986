// Kubernetes Status bodies the proxy answers with itself, so that kubectl prints a clear reason.

/** kubectl shows `message`; for 401 it says "You must be logged in to the server (message)". */
export function statusBody(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

export const PROXY_MESSAGES = {
  missingCredential:
    'Strongroom: this request did not carry the session credential. Use the kubeconfig the session wrote.',
  sessionOver: 'Strongroom: this access session has ended (its time is up or it was ended). Start a new session.',
  tokenRefused:
    "Strongroom: the API server refused the session's token (it expired or was revoked). Start a new session.",
  upstreamDropped: (detail: string) =>
    `Strongroom: the API server closed the connection (${detail}). Check the cluster and try again.`,
} as const;
