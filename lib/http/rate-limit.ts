// Per-token rate limit (HUDDLE_RATE_LIMIT requests per second). Shared across processes through
// Redis when the server installed a client; per process otherwise.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { HuddleError } from "../domain/errors";
import { env } from "../env";
import { peekSingleton, singleton } from "../singleton";

export const REDIS_CLIENT_KEY = "redis.client";

function limiter(): RateLimiterAbstract {
  return singleton("rateLimiter", () => {
    const points = env().HUDDLE_RATE_LIMIT;
    const redis = peekSingleton<unknown>(REDIS_CLIENT_KEY);
    if (redis) {
      return new RateLimiterRedis({
        storeClient: redis,
        useRedisPackage: true,
        keyPrefix: "huddle:rl",
        points,
        duration: 1,
        insuranceLimiter: new RateLimiterMemory({ points, duration: 1 }),
      });
    }
    return new RateLimiterMemory({ points, duration: 1 });
  });
}

/** Spends one request of `key`'s budget; throws rate_limited (429, Retry-After) when it is gone. */
export async function spend(key: string): Promise<void> {
  try {
    await limiter().consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw new HuddleError("rate_limited", `too many requests for this token; retry in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
      });
    }
    throw e;
  }
}
