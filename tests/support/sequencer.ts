// The order vitest starts the test files in: the slowest files first (measured, docs/testing.md), then
// vitest's own order (the longest in its cache first, unknown and larger files first). On 2 cores the
// suite's wall time is its CPU time shared by the forks, unless one long file starts late and runs
// alone at the end: with a cold cache (a fresh checkout, or new project names) vitest's order did that.
// crash.test.ts and mail-outage.test.ts mostly wait for mail passes and restarts: started early, their
// waits overlap the other files' work.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST = [
  // the PostgreSQL run only (tests/pg-run.ts): three app processes and 1,300 submissions
  'tests/integration/pg-multiprocess.test.ts',
  'tests/integration/hostile-inputs-staff.test.ts',
  'tests/integration/hostile-inputs-admin.test.ts',
  'tests/integration/hostile-inputs.test.ts',
  'tests/integration/crash.test.ts',
  'tests/integration/pg-outage.test.ts',
  'tests/integration/queue.test.ts',
  'tests/integration/mail-outage.test.ts',
  'tests/integration/api-hostile.test.ts',
  'tests/integration/user-create.test.ts',
  'tests/integration/permission-matrix.test.ts',
  'tests/integration/reports.test.ts',
  'tests/unit/pdf.test.ts',
];

function rank(spec: TestSpecification): number {
  const i = SLOWEST.findIndex((file) => spec.moduleId.endsWith(file));
  return i === -1 ? SLOWEST.length : i;
}

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byVitest = await super.sort(files);
    return byVitest
      .map((spec, i) => ({ spec, i, rank: rank(spec) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map(({ spec }) => spec);
  }
}
