// bench:proxy's client, in a process of its own: 200 sequential keep-alive GETs of one Secret, then a concurrent load of small GETs.
import https from 'node:https';

const WARMUP = 30;
const SEQUENTIAL = 200;
const CONCURRENT_TOTAL = 2000;
const CONCURRENCY = 16;
const REQUESTS = WARMUP + SEQUENTIAL + CONCURRENT_TOTAL;

interface Target {
  url: string;
  ca: string;
  token: string;
  secretPath: string;
  listPath: string;
}

const given = JSON.parse(process.env.LOAD_TARGET ?? '{}') as Target;
const agent = new https.Agent({ keepAlive: true, ca: given.ca });

function get(pathname: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    https
      .get(`${given.url}${pathname}`, { agent, headers: { authorization: `Bearer ${given.token}` } }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve(performance.now() - start) : reject(new Error(`${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

async function main(): Promise<void> {
  const cpu = process.cpuUsage();
  for (let i = 0; i < WARMUP; i++) await get(given.secretPath);
  const seq: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) seq.push(await get(given.secretPath));
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CONCURRENT_TOTAL) await get(given.listPath);
    }),
  );
  const rps = CONCURRENT_TOTAL / ((performance.now() - start) / 1000);
  const used = process.cpuUsage(cpu);
  // The client's own CPU per request, so that the bench can show who spends the machine.
  const cpuUs = (used.user + used.system) / REQUESTS;
  process.stdout.write(JSON.stringify({ seq, rps, requests: REQUESTS, cpuUs }));
  agent.destroy();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
