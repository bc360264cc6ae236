/** A member's lifecycle: starting -> joined -> leaving -> stopped; a rejoin goes back to starting. */
export type MemberState = 'starting' | 'joined' | 'leaving' | 'stopped';

/** The member's current state, as read by collaborators that act only in some states. */
export interface Lifecycle {
  readonly state: MemberState;
}
