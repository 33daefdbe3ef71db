import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * A @web/test-runner reporter that writes `{passed, failed, skipped, failures}` to
 * `file` when the run ends; files that failed to load count as failures.
 * `failures` names each failed test with the first line of its error, so the
 * end of a long CI log says what failed.
 */
export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
      const first = (error) => String(error?.message ?? error ?? '').split('\n')[0].slice(0, 300);
      const walk = (suite, file, path) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) counts.skipped++;
          else if (test.passed) counts.passed++;
          else {
            counts.failed++;
            counts.failures.push(`${file} > ${[...path, test.name].join(' > ')}: ${first(test.error)}`);
          }
        }
        for (const child of suite.suites ?? []) walk(child, file, [...path, child.name]);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults, relative('.', session.testFile), []);
        // A file that failed to load, or errored outside any test, is a failure too.
        if (!session.passed && (!session.testResults || session.errors?.length)) {
          counts.failed++;
          counts.failures.push(`${relative('.', session.testFile)}: ${session.errors?.map(first).join('; ') || 'did not finish'}`);
        }
      }
      if (file) writeFileSync(file, JSON.stringify(counts));
    },
  };
}
