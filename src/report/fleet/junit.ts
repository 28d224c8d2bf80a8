// `--format junit` for a fleet: one <testsuite> per target (CI test views list them side by side),
// each exactly the suite the two-way JUnit report writes for that target, in the order the
// targets were given; <testsuites> carries the sums.
import { targetReport, targetsWithGroups, type FleetReport } from '../../core/fleet.js';
import { renderJunit } from '../formats/junit.js';
import type { FleetRenderer } from './registry.js';

const COUNTS = /tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/;

export const renderFleet: FleetRenderer = (report: FleetReport, opts) => {
  const suites: string[] = [];
  const sum = [0, 0, 0, 0];
  for (const { target, group } of targetsWithGroups(report)) {
    const lines = renderJunit(targetReport(report, group, target.label), opts).split('\n');
    const start = lines.findIndex((l) => l.startsWith('  <testsuite '));
    const end = lines.lastIndexOf('  </testsuite>');
    const counts = COUNTS.exec(lines[start]!)!;
    for (let i = 0; i < 4; i++) sum[i]! += Number(counts[i + 1]);
    suites.push(...lines.slice(start, end + 1));
  }
  const [tests, failures, errors, skipped] = sum;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="envdiff fleet" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};
