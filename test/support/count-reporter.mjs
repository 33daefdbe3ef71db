import { writeFileSync } from 'node:fs';

/**
 * A @web/test-runner reporter that writes `{passed, failed, skipped}` to
 * `file` when the run ends; files that failed to load count as failures.
 */
export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) counts.skipped++;
          else if (test.passed) counts.passed++;
          else counts.failed++;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load, or errored outside any test, is a failure too.
        if (!session.passed && (!session.testResults || session.errors?.length)) counts.failed++;
      }
      if (file) writeFileSync(file, JSON.stringify(counts));
    },
  };
}
