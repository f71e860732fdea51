//! De-biasing estimator for k-ary randomized response, used by the server.
//!
//! Reported counts `c_j` out of `n` records estimate the true share of value
//! `j` as `f̂_j = (c_j/n − q)/(p − q)` with `p, q` from
//! [`rr_probabilities`]. Its variance is `λ_j(1 − λ_j) / (n (p − q)²)` where
//! `λ_j = c_j/n`; the 95 % interval is the normal approximation
//! `f̂ ± 1.96 · se`. Shares and bounds are clipped to `[0, 1]` for display;
//! the unclipped estimate is kept in [`Estimate::raw`].
//!
//! For two independently randomized fields A and B the observed joint shares
//! are `λ = (P_A ⊗ P_B) π`, so `π̂ = (P_A⁻¹ ⊗ P_B⁻¹) λ` where
//! `P⁻¹ = (I − q·J)/(p − q)` (`J` the all-ones matrix); the variance of each
//! linear combination `π̂_ij = Σ w_kl λ_kl` is `(Σ w² λ − π̂²)/n`.

use serde::{Deserialize, Serialize};

use super::randomized_response::rr_probabilities;

/// The two-sided 95 % standard normal quantile.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A de-biased share with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    /// Estimated true share, clipped to `[0, 1]`.
    pub share: f64,
    /// Lower bound of the 95 % interval, clipped to `[0, 1]`.
    pub low: f64,
    /// Upper bound of the 95 % interval, clipped to `[0, 1]`.
    pub high: f64,
    /// The unclipped de-biased estimate (may be slightly below 0 or above 1).
    pub raw: f64,
    /// Standard error of `raw`.
    pub std_err: f64,
}

impl Estimate {
    fn from_raw(raw: f64, variance: f64) -> Estimate {
        let se = variance.max(0.0).sqrt();
        Estimate {
            share: raw.clamp(0.0, 1.0),
            low: (raw - Z95 * se).clamp(0.0, 1.0),
            high: (raw + Z95 * se).clamp(0.0, 1.0),
            raw,
            std_err: se,
        }
    }

    /// The estimate that carries no information: share `1/k`, interval `[0, 1]`.
    fn uninformative(k: usize) -> Estimate {
        let u = 1.0 / k.max(1) as f64;
        Estimate {
            share: u,
            low: 0.0,
            high: 1.0,
            raw: u,
            std_err: f64::INFINITY,
        }
    }
}

/// De-biased shares of each value of one field from its reported counts
/// (`counts_per_value[j]` records reported value `j`; `k = counts.len()`).
///
/// With no records, or `epsilon ≤ 0` (no signal), every value gets the
/// uninformative estimate `1/k` with interval `[0, 1]` and an infinite
/// standard error (serialize shares, not `std_err`, in that case).
pub fn estimate(counts_per_value: &[u64], epsilon: f64) -> Vec<Estimate> {
    let k = counts_per_value.len();
    let n: u64 = counts_per_value.iter().sum();
    let (p, q) = rr_probabilities(k, epsilon);
    if n == 0 || p - q <= 0.0 {
        return vec![Estimate::uninformative(k); k];
    }
    let n = n as f64;
    let d = p - q;
    counts_per_value
        .iter()
        .map(|&c| {
            let lambda = c as f64 / n;
            Estimate::from_raw((lambda - q) / d, lambda * (1.0 - lambda) / (n * d * d))
        })
        .collect()
}

/// De-biased joint shares of two independently randomized fields.
///
/// `counts[i][j]` is the number of records reporting value `i` of field A
/// (`k_a = counts.len()`, budget `epsilon_a`) together with value `j` of field B
/// (`k_b = counts[i].len()`, budget `epsilon_b`). Returns the `k_a × k_b`
/// estimates in the same layout, or an error for ragged rows.
pub fn estimate_cross_tab(
    counts: &[Vec<u64>],
    epsilon_a: f64,
    epsilon_b: f64,
) -> Result<Vec<Vec<Estimate>>, String> {
    let k_a = counts.len();
    let k_b = counts.first().map_or(0, Vec::len);
    if let Some(i) = counts.iter().position(|row| row.len() != k_b) {
        return Err(format!(
            "cross-tab row {i} has {} cells, row 0 has {k_b}",
            counts[i].len()
        ));
    }
    let n: u64 = counts.iter().flatten().sum();
    let (pa, qa) = rr_probabilities(k_a, epsilon_a);
    let (pb, qb) = rr_probabilities(k_b, epsilon_b);
    let (da, db) = (pa - qa, pb - qb);
    if n == 0 || da <= 0.0 || db <= 0.0 {
        return Ok(vec![vec![Estimate::uninformative(k_a * k_b); k_b]; k_a]);
    }
    let n = n as f64;
    // Observed joint shares and their row and column sums.
    let lambda: Vec<Vec<f64>> = counts
        .iter()
        .map(|r| r.iter().map(|&c| c as f64 / n).collect())
        .collect();
    let row: Vec<f64> = lambda.iter().map(|r| r.iter().sum()).collect();
    let col: Vec<f64> = (0..k_b)
        .map(|j| lambda.iter().map(|r| r[j]).sum())
        .collect();
    // Weights: w_kl = a_ik · b_jl with a_ik = (δ_ik − qa)/da, b_jl = (δ_jl − qb)/db.
    // Σ w λ = (λ_ij − qa·col_j − qb·row_i + qa·qb) / (da·db)
    // Σ w² λ expands the same way with squared factors:
    //   a² is (1−qa)² on the diagonal, qa² elsewhere, i.e. qa² + (1−2qa)·δ.
    let (ca, cb) = (1.0 - 2.0 * qa, 1.0 - 2.0 * qb);
    let mut out = Vec::with_capacity(k_a);
    for i in 0..k_a {
        let mut cells = Vec::with_capacity(k_b);
        for j in 0..k_b {
            let l = lambda[i][j];
            let mean = (l - qa * col[j] - qb * row[i] + qa * qb) / (da * db);
            // Σ_kl (qa² + ca·δ_ik)(qb² + cb·δ_jl) λ_kl
            let second =
                (qa * qa * qb * qb + ca * qb * qb * row[i] + qa * qa * cb * col[j] + ca * cb * l)
                    / (da * da * db * db);
            cells.push(Estimate::from_raw(mean, (second - mean * mean) / n));
        }
        out.push(cells);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymize::randomized_response::{RandomSource, SeededRandom, randomize_index};

    #[test]
    fn exact_expected_counts_are_inverted_exactly() {
        let (p, q) = rr_probabilities(4, 2.0);
        let truth = [0.5, 0.3, 0.2, 0.0];
        let n = 1_000_000.0;
        let counts: Vec<u64> = truth
            .iter()
            .map(|&f| ((f * p + (1.0 - f) * q) * n).round() as u64)
            .collect();
        for (e, f) in estimate(&counts, 2.0).iter().zip(truth) {
            assert!((e.raw - f).abs() < 1e-5, "{e:?} vs {f}");
            assert!(e.low <= e.share && e.share <= e.high);
        }
    }

    #[test]
    fn degenerate_inputs_are_uninformative() {
        let e = estimate(&[0, 0, 0], 2.0);
        assert_eq!(e.len(), 3);
        assert!(e.iter().all(|e| e.low == 0.0 && e.high == 1.0));
        let e = estimate(&[5, 9], 0.0);
        assert!((e[0].share - 0.5).abs() < 1e-12);
        assert!(estimate(&[], 2.0).is_empty());
    }

    #[test]
    fn clipping_keeps_raw() {
        // All records report value 1 of 3 → raw share of value 0 is negative.
        let e = estimate(&[0, 100, 0], 1.0);
        assert!(e[0].raw < 0.0 && e[0].share == 0.0 && e[0].low == 0.0);
        assert!(e[1].raw > 1.0 && e[1].share == 1.0 && e[1].high == 1.0);
    }

    #[test]
    fn cross_tab_matches_one_field_estimator_on_margins() {
        // Summing the de-biased joint estimates over B gives the one-field
        // estimate of A (the Kronecker inverse factorizes).
        let counts = vec![vec![120, 40, 10], vec![30, 300, 60]];
        let joint = estimate_cross_tab(&counts, 1.5, 2.5).unwrap();
        let margin: Vec<u64> = counts.iter().map(|r| r.iter().sum()).collect();
        let single = estimate(&margin, 1.5);
        for i in 0..2 {
            let s: f64 = joint[i].iter().map(|e| e.raw).sum();
            assert!((s - single[i].raw).abs() < 1e-9, "{s} vs {:?}", single[i]);
        }
        assert!(estimate_cross_tab(&[vec![1, 2], vec![3]], 1.0, 1.0).is_err());
        assert!(estimate_cross_tab(&[], 1.0, 1.0).unwrap().is_empty());
    }

    #[test]
    fn cross_tab_recovers_a_dependent_joint_distribution() {
        let truth = [[0.40, 0.05, 0.05], [0.05, 0.05, 0.40]];
        let (ea, eb) = (2.0, 2.0);
        let mut rng = SeededRandom::new(2026);
        let n = 200_000;
        let mut counts = vec![vec![0u64; 3]; 2];
        for _ in 0..n {
            let mut u = rng.next_f64();
            let (mut a, mut b) = (1, 2);
            'pick: for (i, row) in truth.iter().enumerate() {
                for (j, &f) in row.iter().enumerate() {
                    if u < f {
                        (a, b) = (i, j);
                        break 'pick;
                    }
                    u -= f;
                }
            }
            let ra = randomize_index(a, 2, ea, &mut rng);
            let rb = randomize_index(b, 3, eb, &mut rng);
            counts[ra][rb] += 1;
        }
        let est = estimate_cross_tab(&counts, ea, eb).unwrap();
        let mut covered = 0;
        for i in 0..2 {
            for j in 0..3 {
                let e = est[i][j];
                assert!(
                    (e.raw - truth[i][j]).abs() < 5.0 * e.std_err,
                    "{i},{j}: {e:?}"
                );
                assert!(e.std_err > 0.0 && e.std_err < 0.02);
                if e.low <= truth[i][j] && truth[i][j] <= e.high {
                    covered += 1;
                }
            }
        }
        assert!(
            covered >= 5,
            "95 % intervals covered only {covered} of 6 cells"
        );
    }
}
