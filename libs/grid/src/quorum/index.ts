export { QuorumGuard, type QuorumEvents } from './quorum';
