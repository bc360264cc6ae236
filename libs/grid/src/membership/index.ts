export { discoverSeeds, type DiscoveryConfig, type LookupAll } from './discovery';
export type { MemberInfo, MemberView } from './member-info';
export { Membership, outranks, type MembershipEvents, type MembershipOptions, type ProbeReply } from './membership';
export { MembershipLease, type MembershipLeaseOptions } from './lease';
