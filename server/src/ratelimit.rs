//! Per-client rate limit for `POST /v1/feedback`: a token bucket per client,
//! keyed by a salted hash of the peer address. The salt is random per process
//! (`RandomState` draws fresh SipHash keys) and never stored, and only the
//! 64-bit hash is kept in memory: the address itself is never written down.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Token buckets per hashed client.
pub struct RateLimiter {
    salt: RandomState,
    per_sec: f64,
    burst: f64,
    buckets: Mutex<HashMap<u64, (f64, Instant)>>,
}

const MAX_BUCKETS: usize = 100_000;

impl RateLimiter {
    /// `per_sec` sustained requests per client with bursts of `burst`;
    /// `per_sec == 0` switches the limit off.
    pub fn new(per_sec: f64, burst: f64) -> RateLimiter {
        RateLimiter {
            salt: RandomState::new(),
            per_sec,
            burst: burst.max(1.0),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `client`; `Err(seconds)` says when to retry.
    pub fn check(&self, client: IpAddr) -> Result<(), u32> {
        self.check_at(client, Instant::now())
    }

    fn check_at(&self, client: IpAddr, now: Instant) -> Result<(), u32> {
        if self.per_sec <= 0.0 {
            return Ok(());
        }
        // IPv6 clients are keyed by their /64, the unit one subscriber controls.
        let key = match client {
            IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
                self.salt.hash_one(u128::from(v6) >> 64)
            }
            IpAddr::V6(v6) => self.salt.hash_one(v6.to_ipv4_mapped()),
            IpAddr::V4(v4) => self.salt.hash_one(Some(v4)),
        };
        let mut map = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_BUCKETS {
            let (per_sec, burst) = (self.per_sec, self.burst);
            map.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * per_sec < burst
            });
        }
        let (tokens, at) = map.entry(key).or_insert((self.burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * self.per_sec).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / self.per_sec).ceil().max(1.0) as u32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn bucket_empties_and_refills() {
        let rl = RateLimiter::new(2.0, 3.0);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(rl.check_at(a, t0).is_ok());
        }
        assert_eq!(rl.check_at(a, t0), Err(1));
        assert!(rl.check_at(b, t0).is_ok(), "clients are independent");
        assert!(rl.check_at(a, t0 + Duration::from_millis(600)).is_ok());
    }

    #[test]
    fn zero_rate_is_off() {
        let rl = RateLimiter::new(0.0, 1.0);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..1000 {
            assert!(rl.check(a).is_ok());
        }
    }
}
