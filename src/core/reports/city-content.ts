/**
 * The approved (fastställd) city report is stored as the content contract was when it was approved
 * (`city_report_approval.content`, with its `content_version`). The contract may change later: each change that
 * an older stored content would not satisfy (a new required field, a renamed one) raises
 * `CITY_CONTENT_VERSION` and adds the step that upgrades content of the version before it, so an approval
 * made years ago is still read, and shown, as it was approved. test/core/reports/city-content.test.ts reads a
 * stored content of every version through these steps and the current contract.
 */

/** The version of the city report content that this Färdplan writes. */
export const CITY_CONTENT_VERSION = 1;

type Content = Record<string, unknown>;

/**
 * `STEPS[v]` upgrades content of version v to version v + 1. None yet: version 1 is the contract of
 * migration 0240. A step must keep what was approved: it may add what can be derived or marked unknown, never
 * recompute figures from the register.
 */
const STEPS: Readonly<Record<number, (c: Content) => Content>> = {};

export type CityContentRefusal =
  | { code: 'newer'; version: number; known: number }
  | { code: 'not_an_object'; version: number }
  | { code: 'missing_step'; version: number };

/** Stored content of `version` brought to `CITY_CONTENT_VERSION` (still to be parsed by the contract). */
export function upgradeCityContent(
  content: unknown,
  version: number,
  steps: Readonly<Record<number, (c: Content) => Content>> = STEPS,
  current: number = CITY_CONTENT_VERSION,
): { ok: true; value: unknown } | { ok: false; refusal: CityContentRefusal } {
  if (version > current) return { ok: false, refusal: { code: 'newer', version, known: current } };
  if (!content || typeof content !== 'object' || Array.isArray(content))
    return { ok: false, refusal: { code: 'not_an_object', version } };
  let c = content as Content;
  for (let v = version; v < current; v++) {
    const step = steps[v];
    if (!step) return { ok: false, refusal: { code: 'missing_step', version: v } };
    c = step(c);
  }
  return { ok: true, value: c };
}
