export { FailureDetector, type FailureDetectorEvents, type FailureDetectorOptions, type HeartbeatChannel } from './failure-detector';
