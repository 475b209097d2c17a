/** Status per goal area on the overview page (filled by the goals feature). */
export function GoalSummary() {
  return null;
}
