/** One checked simulation, as a CI test report shows it. */
export interface JunitCase {
  /** The plan file: CI groups cases by it. */
  className: string;
  /** "bad-version, seed 7: ends rolled back". */
  name: string;
  /** Seconds of virtual time the release took. */
  seconds: number;
  /** Why it failed; undefined when it passed. */
  failure?: { message: string; details: string };
  /** What the run said, shown beside the case. */
  output: string;
}

const escapeXml = (text: string): string =>
  // XML 1.0 has no place for most control characters, even escaped: they become U+FFFD.
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '\uFFFD');

/**
 * The JUnit XML that CI systems (GitHub Actions test reporters, GitLab's `artifacts:reports:junit`,
 * Jenkins) read: one test suite named `suite`, one test case per simulation.
 *
 * @example
 * junitXml('switchyard simulate', [{ className: 'checkout.release.yaml', name: 'bad-version, seed 7: ends rolled back', seconds: 222, output: 'rolled back' }]);
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ...><testsuite name="switchyard simulate" tests="1" failures="0" ...>...'
 */
export function junitXml(suite: string, cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const seconds = cases.reduce((sum, c) => sum + c.seconds, 0).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}" errors="0" time="${seconds}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${seconds}">`,
  ];
  for (const c of cases) {
    lines.push(`    <testcase classname="${escapeXml(c.className)}" name="${escapeXml(c.name)}" time="${c.seconds.toFixed(3)}">`);
    if (c.failure) lines.push(`      <failure message="${escapeXml(c.failure.message)}" type="unexpectedOutcome">${escapeXml(c.failure.details)}</failure>`);
    lines.push(`      <system-out>${escapeXml(c.output)}</system-out>`, '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
