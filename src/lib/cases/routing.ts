/** Routing, pure: which queue a case goes to, and which agent of that queue gets it. */
import { ASSIGNMENT_MODES, type AssignmentMode } from '../../../db/schema/cases';

export { ASSIGNMENT_MODES, type AssignmentMode };

/**
 * The queue of a category: its own mapping, else its parent's, else the default queue. `categoryQueues` is the
 * admins' category → queue map.
 */
export function queueForCategory(
  category: { id: number; parentId: number | null } | null,
  categoryQueues: ReadonlyMap<number, number>,
  defaultQueueId: number,
): number {
  if (!category) return defaultQueueId;
  return categoryQueues.get(category.id) ?? (category.parentId !== null ? categoryQueues.get(category.parentId) : undefined) ?? defaultQueueId;
}

export interface AgentCandidate {
  id: number;
  /** Queue slugs the agent works. */
  skills: readonly string[];
  languages: readonly string[];
  available: boolean;
  /** Open cases (new, open, on hold, pending) assigned now. */
  openCases: number;
  tier: number;
}

export interface QueueFacts {
  slug: string;
  assignment: AssignmentMode;
  /** The agent who got the queue's previous automatic assignment (round-robin continues after them). */
  lastAssigneeId: number | null;
  tier: number;
}

export function isEligibleAgent(agent: AgentCandidate, queue: Pick<QueueFacts, 'slug' | 'tier'>, locale: string): boolean {
  return agent.available && agent.skills.includes(queue.slug) && agent.languages.includes(locale) && agent.tier >= queue.tier;
}

/**
 * The agent who gets a new case of the queue, or null (manual queues, or nobody with the skill and the language).
 * Round-robin takes the next eligible agent after the previous one, by id; least-loaded takes the fewest open cases,
 * ties broken in round-robin order so equal agents alternate.
 */
export function pickAgent(agents: readonly AgentCandidate[], queue: QueueFacts, locale: string): number | null {
  if (queue.assignment === 'manual') return null;
  const eligible = agents.filter((a) => isEligibleAgent(a, queue, locale)).sort((a, b) => a.id - b.id);
  if (eligible.length === 0) return null;
  const last = queue.lastAssigneeId ?? -Infinity;
  const rotation = [...eligible.filter((a) => a.id > last), ...eligible.filter((a) => a.id <= last)];
  if (queue.assignment === 'round_robin') return rotation[0]!.id;
  const fewest = Math.min(...rotation.map((a) => a.openCases));
  return rotation.find((a) => a.openCases === fewest)!.id;
}
