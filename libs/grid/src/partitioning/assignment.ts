/**
 * Computes the partition table: for every partition an ordered replica list
 * [owner, backup1, ...] of distinct members. Starting from the previous table it
 *  1. drops departed members, shifting survivors left (a backup becomes owner, so no data is lost),
 *  2. balances owners, then all backup slots together as one pool, each the same way:
 *     take partitions away from members above the cap, fill gaps with the least loaded
 *     eligible member (for owners preferring a member that already holds a replica, which
 *     turns the move into a promotion), then move single slots from the most loaded member
 *     to an eligible member at least two below it.
 * Kept assignments mean few migrations on a membership change.
 */
export type ReplicaTable = string[][];

type Slots = Array<Array<string | undefined>>;

export function assignPartitions(
  previous: ReplicaTable | undefined,
  members: readonly string[],
  partitionCount: number,
  backupCount: number,
): ReplicaTable {
  if (members.length === 0) throw new Error('cannot assign partitions to zero members');
  const alive = new Set(members);
  const replicaCount = Math.min(backupCount + 1, members.length);
  const slots: Slots = [];
  for (let p = 0; p < partitionCount; p++) {
    const survivors = (previous?.[p] ?? []).filter((id) => alive.has(id)).slice(0, replicaCount);
    slots.push([...survivors, ...new Array<undefined>(replicaCount - survivors.length).fill(undefined)]);
  }
  balance(slots, members, [0]);
  if (replicaCount > 1) balance(slots, members, Array.from({ length: replicaCount - 1 }, (_, i) => i + 1));
  return slots.map((row) => row as string[]);
}

function balance(slots: Slots, members: readonly string[], indices: number[]): void {
  const cap = Math.ceil((slots.length * indices.length) / members.length);
  const counts = new Map(members.map((id) => [id, 0]));
  const add = (id: string, delta: number) => counts.set(id, counts.get(id)! + delta);
  for (const row of slots) for (const r of indices) if (row[r] !== undefined) add(row[r]!, 1);

  for (const row of slots) {
    for (const r of indices) {
      const id = row[r];
      if (id !== undefined && counts.get(id)! > cap) {
        row[r] = undefined;
        add(id, -1);
      }
    }
  }

  for (const row of slots) {
    for (const r of indices) {
      if (row[r] !== undefined) continue;
      if (r === 0) {
        const promotable = row.findIndex((id, index) => index > 0 && id !== undefined && counts.get(id)! < cap);
        if (promotable > 0) {
          row[0] = row[promotable];
          row[promotable] = undefined;
          add(row[0]!, 1);
          continue;
        }
      }
      const chosen = leastLoaded(members, counts, (id) => !row.includes(id));
      if (chosen === undefined) throw new Error('no eligible member for a replica slot');
      row[r] = chosen;
      add(chosen, 1);
    }
  }

  // Bounded: each move lowers the most loaded member's count and raises one at least two below it.
  for (let moves = 0; moves < slots.length * indices.length; moves++) {
    const most = mostLoaded(members, counts);
    let moved = false;
    for (const row of slots) {
      const r = indices.find((index) => row[index] === most);
      if (r === undefined) continue;
      const to = leastLoaded(members, counts, (id) => !row.includes(id));
      if (to === undefined || counts.get(to)! > counts.get(most)! - 2) continue;
      row[r] = to;
      add(most, -1);
      add(to, 1);
      moved = true;
      break;
    }
    if (!moved) break;
  }
}

function leastLoaded(members: readonly string[], counts: Map<string, number>, eligible: (id: string) => boolean): string | undefined {
  let best: string | undefined;
  for (const id of members) {
    if (!eligible(id)) continue;
    if (best === undefined || counts.get(id)! < counts.get(best)!) best = id;
  }
  return best;
}

function mostLoaded(members: readonly string[], counts: Map<string, number>): string {
  let best = members[0]!;
  for (const id of members) if (counts.get(id)! > counts.get(best)!) best = id;
  return best;
}

/** Number of partitions each member holds at the given replica indices (0 = owner). */
export function replicaCounts(table: ReplicaTable, replicaIndices: number[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of table) {
    for (const r of replicaIndices) {
      const id = row[r];
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}
