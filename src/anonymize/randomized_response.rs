//! k-ary randomized response (local differential privacy) and the uniform
//! random source it draws from.
//!
//! A field with `k` possible values and privacy budget `ε` keeps the true
//! value with probability `p = e^ε / (e^ε + k − 1)` and otherwise reports one
//! of the other `k − 1` values uniformly, so every other value is reported
//! with probability `q = 1 / (e^ε + k − 1)` and `p / q = e^ε`.
//!
//! The browser feeds [`RandomSource`] from `crypto.getRandomValues`; tests
//! use the seeded [`SeededRandom`] so that simulations are reproducible.

/// A source of uniformly distributed random bits.
///
/// Only [`RandomSource::next_u32`] must be provided; the other methods derive
/// unbiased floats, bounded integers and bytes from it.
pub trait RandomSource {
    /// The next 32 uniformly random bits.
    fn next_u32(&mut self) -> u32;

    /// A uniform float in `[0, 1)` with 53 random bits.
    fn next_f64(&mut self) -> f64 {
        let hi = u64::from(self.next_u32() >> 5); // 27 bits
        let lo = u64::from(self.next_u32() >> 6); // 26 bits
        ((hi << 26) | lo) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform integer in `0..n` without modulo bias (`n ≥ 1`; `0` gives `0`).
    fn below(&mut self, n: u32) -> u32 {
        if n <= 1 {
            return 0;
        }
        // Rejection sampling: discard the incomplete top range.
        let zone = u32::MAX - (u32::MAX - n + 1) % n;
        loop {
            let x = self.next_u32();
            if x <= zone {
                return x % n;
            }
        }
    }

    /// Fills `buf` with random bytes.
    fn fill_bytes(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(4) {
            let bytes = self.next_u32().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

impl<R: RandomSource + ?Sized> RandomSource for &mut R {
    fn next_u32(&mut self) -> u32 {
        (**self).next_u32()
    }
}

/// A small, fast, seeded generator (xoshiro128++ seeded through SplitMix64)
/// for tests and simulations. Not for production randomness.
#[derive(Debug, Clone)]
pub struct SeededRandom {
    s: [u32; 4],
}

impl SeededRandom {
    /// A generator whose whole stream is determined by `seed`.
    pub fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let a = next();
        let b = next();
        SeededRandom {
            s: [a as u32, (a >> 32) as u32, b as u32, (b >> 32) as u32 | 1],
        }
    }
}

impl RandomSource for SeededRandom {
    fn next_u32(&mut self) -> u32 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(7).wrapping_add(s[0]);
        let t = s[1] << 9;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(11);
        result
    }
}

/// The keep probability `p` and the probability `q` of reporting any one
/// particular other value, for `k` values and budget `epsilon`.
///
/// `k < 2` or a non-positive/non-finite `epsilon` degenerate to `p = 1, q = 0`
/// for `k = 1` and to `p = q = 1/k` for `epsilon ≤ 0` (no information).
pub fn rr_probabilities(k: usize, epsilon: f64) -> (f64, f64) {
    if k <= 1 {
        return (1.0, 0.0);
    }
    if !epsilon.is_finite() || epsilon <= 0.0 {
        if epsilon == f64::INFINITY {
            return (1.0, 0.0);
        }
        let u = 1.0 / k as f64;
        return (u, u);
    }
    let e = epsilon.exp();
    let denom = e + (k as f64 - 1.0);
    (e / denom, 1.0 / denom)
}

/// Perturbs the value index `truth` (in `0..k`) by k-ary randomized response
/// with budget `epsilon`, returning the index to report.
///
/// With probability `p` the true index is kept; otherwise one of the other
/// `k − 1` indices is drawn uniformly. `truth ≥ k` is clamped to `k − 1`.
pub fn randomize_index(truth: usize, k: usize, epsilon: f64, rng: &mut dyn RandomSource) -> usize {
    if k <= 1 {
        return 0;
    }
    let truth = truth.min(k - 1);
    let (p, _) = rr_probabilities(k, epsilon);
    if rng.next_f64() < p {
        return truth;
    }
    let other = rng.below((k - 1) as u32) as usize;
    if other >= truth { other + 1 } else { other }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_have_ratio_e_to_epsilon_and_sum_to_one() {
        for k in [2usize, 3, 6, 12] {
            for eps in [0.5, 1.0, 2.0, 4.0] {
                let (p, q) = rr_probabilities(k, eps);
                assert!((p / q - f64::exp(eps)).abs() < 1e-9);
                assert!((p + (k as f64 - 1.0) * q - 1.0).abs() < 1e-12);
            }
        }
        assert_eq!(rr_probabilities(1, 2.0), (1.0, 0.0));
        assert_eq!(rr_probabilities(4, 0.0), (0.25, 0.25));
        assert_eq!(rr_probabilities(4, f64::NAN), (0.25, 0.25));
    }

    #[test]
    fn seeded_source_is_reproducible_and_uniform_enough() {
        let mut a = SeededRandom::new(7);
        let mut b = SeededRandom::new(7);
        let xs: Vec<u32> = (0..16).map(|_| a.next_u32()).collect();
        let ys: Vec<u32> = (0..16).map(|_| b.next_u32()).collect();
        assert_eq!(xs, ys);
        let mut c = SeededRandom::new(8);
        assert_ne!(xs, (0..16).map(|_| c.next_u32()).collect::<Vec<_>>());

        let mut r = SeededRandom::new(1);
        let mut counts = [0u32; 7];
        for _ in 0..70_000 {
            counts[r.below(7) as usize] += 1;
        }
        for c in counts {
            assert!((9_400..10_600).contains(&c), "{counts:?}");
        }
        let mean = (0..100_000).map(|_| r.next_f64()).sum::<f64>() / 100_000.0;
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
    }

    #[test]
    fn below_handles_edges() {
        let mut r = SeededRandom::new(3);
        assert_eq!(r.below(0), 0);
        assert_eq!(r.below(1), 0);
        for _ in 0..1000 {
            assert!(r.below(u32::MAX) < u32::MAX);
        }
        let mut buf = [0u8; 7];
        r.fill_bytes(&mut buf);
        assert_ne!(buf, [0u8; 7]);
    }

    #[test]
    fn never_reports_out_of_range_and_other_values_are_uniform() {
        let mut r = SeededRandom::new(11);
        let k = 5;
        let mut counts = [0u32; 5];
        for _ in 0..100_000 {
            let v = randomize_index(2, k, 1.0, &mut r);
            counts[v] += 1;
        }
        let others: Vec<u32> = [0, 1, 3, 4].iter().map(|&i| counts[i]).collect();
        let mean = others.iter().sum::<u32>() as f64 / 4.0;
        for o in others {
            assert!((o as f64 - mean).abs() < 0.06 * mean, "{counts:?}");
        }
        assert_eq!(randomize_index(9, 1, 2.0, &mut r), 0);
        assert!(randomize_index(9, 3, 2.0, &mut r) < 3);
    }
}
