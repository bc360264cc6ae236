import type { MemberConfig } from '../config';
import { createMember, type Member } from '../member';
import { captureLogger } from './wait';

export const TEST_SECRET = 'test-cluster-secret-0123456789';

/** Fast timings so failure detection and merges happen within a test's budget. */
export function testConfig(overrides: Partial<MemberConfig> = {}): MemberConfig {
  return {
    clusterSecret: TEST_SECRET,
    port: 0,
    heartbeatIntervalMs: 200,
    heartbeatTimeoutMs: 2000,
    joinTimeoutMs: 1500,
    mergeIntervalMs: 500,
    requestTimeoutMs: 3000,
    operationTimeoutMs: 15_000,
    expirySweepIntervalMs: 100,
    logger: captureLogger().logger,
    ...overrides,
  };
}

export class TestCluster {
  readonly members: Member[] = [];

  async add(overrides: Partial<MemberConfig> = {}): Promise<Member> {
    const seeds = this.members.filter((m) => m.state === 'joined').map((m) => m.address);
    const member = await createMember(testConfig({ seeds, ...overrides }));
    this.members.push(member);
    return member;
  }

  live(): Member[] {
    return this.members.filter((m) => m.state !== 'stopped');
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.members.map((m) => m.stop()));
  }
}
