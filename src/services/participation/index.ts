/**
 * Participation use cases: citizen proposals (submit, moderate, support, committee answer, links to
 * interventions, similar proposals), dialogues, participatory budgeting (processes, phases, projects,
 * voting codes, ballots through the mix, paper ballots, frozen results, .pb export) and who takes part.
 *
 * Privacy: a proposal's contact is never returned to the public; supporter keys, support codes and
 * voting codes are stored only as hashes; a ballot row holds a random id, the process, the channel
 * and the choices, written in shuffled batches apart from the use of its code (mix.ts). Voting and
 * supporting are not written to the audit log; staff actions are.
 */
export { DEFAULT_THRESHOLD, type Effects } from './common.ts';
export * from './proposals-read.ts';
export * from './proposals.ts';
export * from './support-codes.ts';
export * from './dialogues.ts';
export * from './processes.ts';
export * from './ballots.ts';
export * from './results.ts';
export * from './taking-part.ts';
export { ballotMix, BallotMix, DEFAULT_MIX, shuffle, type MixOptions } from './mix.ts';
export { processJson, projectJson, publicView, staffView } from './presenters.ts';
