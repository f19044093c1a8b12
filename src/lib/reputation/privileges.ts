import { PRIVILEGES, type Privilege, type Thresholds } from './settings';

export interface PrivilegeStep {
  privilege: Privilege;
  threshold: number;
}

/** Privileges in the order a member earns them (by threshold). */
export function privilegeLadder(thresholds: Thresholds): PrivilegeStep[] {
  return PRIVILEGES.map((privilege) => ({ privilege, threshold: thresholds[privilege] })).sort((a, b) => a.threshold - b.threshold || PRIVILEGES.indexOf(a.privilege) - PRIVILEGES.indexOf(b.privilege));
}

/** The next privilege a member's reputation earns and the points it still takes; null when all are earned. */
export function nextPrivilege(reputation: number, thresholds: Thresholds): (PrivilegeStep & { missing: number }) | null {
  const next = privilegeLadder(thresholds).find((s) => s.threshold > reputation);
  return next ? { ...next, missing: next.threshold - reputation } : null;
}
