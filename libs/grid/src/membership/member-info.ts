export interface MemberInfo {
  id: string;
  address: string;
  /** Wall-clock start time; only used to order clusters when two of them merge. */
  startedAt: number;
  /** Set while the member hands its partitions over before leaving. */
  leaving?: boolean;
}

/** The agreed member list. Members are ordered oldest first; the first is the coordinator. */
export interface MemberView {
  version: number;
  members: MemberInfo[];
}
