/**
 * Ratios between implementations measured in the same process. Each measurement round runs
 * every implementation back to back, so a burst of noise from the shared cores hits them
 * alike; the ratio reported is the median over rounds of (baseline median ÷ subject median).
 */
import { median } from './stats.mjs';

export function ratioOf(baselineRoundMedians, subjectRoundMedians) {
  const per = [];
  const rounds = Math.min(baselineRoundMedians.length, subjectRoundMedians.length);
  for (let r = 0; r < rounds; r++) per.push(baselineRoundMedians[r] / subjectRoundMedians[r]);
  return { value: median(per), rounds: per, min: Math.min(...per), max: Math.max(...per) };
}

/** A target check: { value op goal } with an optional relative noise margin for ratios. */
export function check({ key, label, value, goal, op, unit = '', kind = 'ratio', margin = 0 }) {
  const met = op === '>=' ? value >= goal : value <= goal;
  const withinMargin = op === '>=' ? value >= goal * (1 - margin) : value <= goal * (1 + margin);
  return { key, label, value, goal, op, unit, kind, margin, met, withinMargin };
}
