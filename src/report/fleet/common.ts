// What the fleet formats share: the headline ("37 identical to the baseline, 3 differ") and how a
// group names its targets.
import { worstSeverity, type FleetGroup, type FleetReport } from '../../core/fleet.js';
import type { FailOn } from '../../core/findings.js';
import { countSummary, failsAt } from '../common.js';

/** Labels shown per group before "and N more": a group of 180 nodes must not fill the screen. */
export const LABELS_SHOWN = 12;

export function groupTargets(group: FleetGroup, shown = LABELS_SHOWN): string {
  const names = group.targets.slice(0, shown).join(', ');
  return group.targets.length > shown ? `${names}, and ${group.targets.length - shown} more` : names;
}

/** "2 targets (qa-07, qa-19): 1 error, 0 warnings, 0 info"; the identical group says so. */
export function groupHeading(group: FleetGroup, label: (s: string) => string = (s) => s): string {
  const n = group.targets.length;
  const who = `${n} target${n === 1 ? '' : 's'} (${label(groupTargets(group))})`;
  if (group.findings.length === 0) return `${who}: identical to the baseline`;
  return `${who}: ${countSummary(group.summary)}`;
}

export function failingTargets(report: FleetReport, failOn: FailOn): number {
  return report.groups.filter((g) => g.findings.some((f) => failsAt(f.severity, failOn))).reduce((n, g) => n + g.targets.length, 0);
}

/** "40 targets against dev: 37 identical, 3 differ in 2 groups; FAIL: 2 targets at or above error". */
export function fleetHeadline(report: FleetReport, failOn: FailOn): string {
  const total = report.targets.length;
  const identical = report.groups.find((g) => g.findings.length === 0)?.targets.length ?? 0;
  const differing = report.groups.filter((g) => g.findings.length > 0);
  const differ = total - identical;
  const failing = failingTargets(report, failOn);
  const verdict =
    failOn === 'never'
      ? 'fail-on never'
      : failing > 0
        ? `FAIL: ${failing} target${failing === 1 ? '' : 's'} at or above ${failOn}`
        : `pass at fail-on ${failOn}`;
  return `${total} target${total === 1 ? '' : 's'}: ${identical} identical to the baseline, ${differ} differ${differing.length > 0 ? ` (${differing.length} group${differing.length === 1 ? '' : 's'})` : ''} — ${verdict}`;
}

export { worstSeverity };
