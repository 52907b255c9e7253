import type { Cluster, Redis } from 'ioredis';

/**
 * The ioredis connection a store sends its commands on: a single node
 * (`new Redis(url)`) or a cluster (`new Redis.Cluster(nodes)`). Every command
 * and script a store sends touches one key, so any cluster layout works.
 */
export type RedisClient = Redis | Cluster;

/** Options every Redis store takes. */
export interface RedisStoreOptions {
  /** Your ioredis client or cluster; the store never connects or quits it. */
  client: RedisClient;
  /** Put before every key, so applications sharing one Redis stay apart, e.g. `'myapp:'`. Default `'junction:'`. */
  prefix?: string;
  /** How long one Redis command may take before it fails with a `RedisStoreError`. Default 2000 ms. */
  commandTimeoutMs?: number;
}
