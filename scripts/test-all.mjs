// `npm test`: typecheck, lint, build, unit + integration, e2e; then one summary line from the JSON reports.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, '.test-reports');
fs.mkdirSync(reports, { recursive: true });
const bin = (name) => path.join(root, 'node_modules/.bin', name);

const steps = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
  {
    name: 'typecheck (src/shared without Node or DOM)',
    cmd: bin('tsc'),
    args: ['-p', 'tsconfig.shared.json', '--noEmit'],
  },
  { name: 'lint', cmd: bin('biome'), args: ['check', '.'] },
  { name: 'build', cmd: bin('electron-vite'), args: ['build'] },
  {
    name: 'build (CLI bundle)',
    cmd: process.execPath,
    args: ['--import', 'tsx', path.join(root, 'scripts/build-cli.ts')],
  },
  {
    name: 'unit + integration',
    cmd: bin('vitest'),
    args: [
      'run',
      '--project',
      'unit',
      '--project',
      'integration',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${path.join(reports, 'vitest.json')}`,
    ],
    report: 'vitest.json',
  },
  {
    name: 'e2e (Chromium)',
    cmd: bin('vitest'),
    args: [
      'run',
      '--project',
      'e2e',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${path.join(reports, 'e2e.json')}`,
    ],
    report: 'e2e.json',
  },
];

const failedSteps = [];
const timings = [];
for (const step of steps) {
  if (step.report) fs.rmSync(path.join(reports, step.report), { force: true });
  process.stdout.write(`\n▶ ${step.name}\n`);
  const started = performance.now();
  const result = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = (performance.now() - started) / 1000;
  timings.push(`${step.name} ${seconds.toFixed(1)}s`);
  if (result.status !== 0) failedSteps.push(step.name);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const step of steps.filter((s) => s.report)) {
  const file = path.join(reports, step.report);
  if (!fs.existsSync(file)) {
    failed += 1; // a runner that wrote no report counts as a failure, never as zero tests
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

process.stdout.write(`\ntimings: ${timings.join(', ')}\n`);
if (failedSteps.length > 0) process.stdout.write(`failed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
