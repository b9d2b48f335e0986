// The health endpoint: GET /healthz answers 200 with the last successful refresh, or 503 with the reason it is failing.
import { createServer, type Server } from 'node:http';
import type { HealthState } from './delivery';

export function startHealth(port: number, state: HealthState): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url !== '/healthz' && req.url !== '/')) {
      res.writeHead(404).end();
      return;
    }
    const healthy = Boolean(state.lastRefresh) && !state.lastError;
    res.writeHead(healthy ? 200 : 503, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: healthy ? 'ok' : 'failing', ...state }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
