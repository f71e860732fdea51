//! De-biasing estimator for k-ary randomized response, used by the server.
//!
//! **Point estimate.** Reported counts `c_j` out of `n` records estimate the
//! true share of value `j` as `f̂_j = (c_j/n − q)/(p − q)` with `p, q` from
//! [`rr_probabilities`] (kept unprojected in [`Estimate::raw`]; the raw
//! shares of one field always sum to 1 but may be negative). The displayed
//! [`Estimate::share`]s are the Euclidean projection of the raw vector onto
//! the probability simplex ([`project_to_simplex`]): non-negative and
//! summing to 1 (the "Norm-Sub" post-processing of Wang et al. 2019,
//! *Locally Differentially Private Frequency Estimation with Consistency*).
//! A yes/no field is a 2-value simplex, so each option of a multiple-choice
//! question gets a share in `[0, 1]`.
//!
//! **Interval.** The observed report rate `λ̂_j = c_j/n` is first clamped to
//! the rates randomized response can produce, `[q, p]`; a Wilson score
//! interval for the rate at that point is mapped through the de-biasing
//! `(λ − q)/(p − q)` and clipped to `[0, 1]`. An estimate at or below zero
//! therefore gets `[0, u]` where `u` is how large the share could be given
//! the data — never the empty-looking `[0, 0]` that clipping a normal
//! interval around a negative estimate gives. The interval is widened, if
//! needed, to contain the projected share. [`Estimate::std_err`] is the
//! standard error of `raw`, `√(λ̂(1 − λ̂)/n)/(p − q)`.
//!
//! **Cross-tabs.** For two independently randomized fields A and B the
//! observed joint shares are `λ = (P_A ⊗ P_B) π`, so
//! `π̂ = (P_A⁻¹ ⊗ P_B⁻¹) λ` where `P⁻¹ = (I − q·J)/(p − q)` (`J` the all-ones
//! matrix); the variance of each linear combination `π̂_ij = Σ w_kl λ_kl` is
//! `(Σ w² λ − π̂²)/n`. The joint shares are projected onto the simplex of all
//! `k_a·k_b` cells; each interval is the normal interval around the raw
//! estimate clamped to `[0, 1]` (so it keeps its width at the boundary).

use serde::{Deserialize, Serialize};

use super::randomized_response::rr_probabilities;

/// The two-sided 95 % standard normal quantile.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A de-biased share with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    /// Estimated true share: the raw estimates of the field projected onto
    /// the probability simplex (in `[0, 1]`, summing to 1 over the field).
    pub share: f64,
    /// Lower bound of the 95 % interval, in `[0, share]`.
    pub low: f64,
    /// Upper bound of the 95 % interval, in `[share, 1]`.
    pub high: f64,
    /// The unprojected de-biased estimate (may be below 0 or above 1).
    pub raw: f64,
    /// Standard error of `raw`.
    pub std_err: f64,
}

impl Estimate {
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

    /// Half the width of the interval.
    pub fn half_width(&self) -> f64 {
        (self.high - self.low) / 2.0
    }
}

/// The Euclidean projection of `v` onto the probability simplex
/// `{x : x_j ≥ 0, Σ x_j = 1}`: `x_j = max(v_j − θ, 0)` with the one `θ` that
/// makes the sum 1 (sort-based, O(k log k)). Non-finite inputs count as 0.
/// The result sums to 1 within floating-point rounding (≤ 1e-12).
pub fn project_to_simplex(v: &[f64]) -> Vec<f64> {
    if v.is_empty() {
        return Vec::new();
    }
    let clean: Vec<f64> = v
        .iter()
        .map(|x| if x.is_finite() { *x } else { 0.0 })
        .collect();
    let mut sorted = clean.clone();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let mut sum = 0.0;
    let mut theta = 0.0;
    for (i, &u) in sorted.iter().enumerate() {
        sum += u;
        let t = (sum - 1.0) / (i + 1) as f64;
        // The largest i with u_i − t > 0 fixes θ (true at i = 0 always).
        if u - t > 0.0 {
            theta = t;
        }
    }
    clean.iter().map(|x| (x - theta).max(0.0)).collect()
}

/// Wilson score interval `(low, high)` for a binomial rate observed as
/// `rate` in `n` trials, at normal quantile `z`.
pub fn wilson(rate: f64, n: f64, z: f64) -> (f64, f64) {
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let center = (rate + z2 / (2.0 * n)) / denom;
    let half = z / denom
        * (rate * (1.0 - rate) / n + z2 / (4.0 * n * n))
            .max(0.0)
            .sqrt();
    (center - half, center + half)
}

/// The 95 % interval of the true share of one value whose report rate was
/// `rate` in `n` records, for randomized response with `(p, q)` (see the
/// module docs), clipped to `[0, 1]`.
pub fn share_interval(rate: f64, n: f64, p: f64, q: f64) -> (f64, f64) {
    let d = p - q;
    let (lo, hi) = wilson(rate.clamp(q, p), n, Z95);
    (
        ((lo - q) / d).clamp(0.0, 1.0),
        ((hi - q) / d).clamp(0.0, 1.0),
    )
}

/// De-biased, consistent shares of each value of one field from its reported
/// counts (`counts_per_value[j]` records reported value `j`;
/// `k = counts.len()`).
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
    let rates: Vec<f64> = counts_per_value.iter().map(|&c| c as f64 / n).collect();
    let raw: Vec<f64> = rates.iter().map(|l| (l - q) / d).collect();
    let shares = project_to_simplex(&raw);
    rates
        .iter()
        .zip(raw.iter().zip(shares))
        .map(|(&l, (&raw, share))| {
            let (low, high) = share_interval(l, n, p, q);
            Estimate {
                share,
                low: low.min(share),
                high: high.max(share),
                raw,
                std_err: (l * (1.0 - l) / n).max(0.0).sqrt() / d,
            }
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
    let mut raw = Vec::with_capacity(k_a * k_b);
    for i in 0..k_a {
        for j in 0..k_b {
            let l = lambda[i][j];
            let mean = (l - qa * col[j] - qb * row[i] + qa * qb) / (da * db);
            // Σ_kl (qa² + ca·δ_ik)(qb² + cb·δ_jl) λ_kl
            let second =
                (qa * qa * qb * qb + ca * qb * qb * row[i] + qa * qa * cb * col[j] + ca * cb * l)
                    / (da * da * db * db);
            raw.push((mean, ((second - mean * mean) / n).max(0.0).sqrt()));
        }
    }
    let shares = project_to_simplex(&raw.iter().map(|r| r.0).collect::<Vec<_>>());
    let mut cells = raw.iter().zip(shares).map(|(&(raw, se), share)| {
        let center = raw.clamp(0.0, 1.0);
        Estimate {
            share,
            low: (center - Z95 * se).clamp(0.0, 1.0).min(share),
            high: (center + Z95 * se).clamp(0.0, 1.0).max(share),
            raw,
            std_err: se,
        }
    });
    Ok((0..k_a)
        .map(|_| cells.by_ref().take(k_b).collect())
        .collect())
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
    fn projection_matches_hand_worked_cases() {
        // Already on the simplex: unchanged.
        let x = project_to_simplex(&[0.2, 0.3, 0.5]);
        assert!(
            x.iter()
                .zip([0.2, 0.3, 0.5])
                .all(|(a, b)| (a - b).abs() < 1e-15)
        );
        // [0.6, 0.5, −0.1]: θ = (0.6 + 0.5 − 1)/2 = 0.05 → [0.55, 0.45, 0].
        let x = project_to_simplex(&[0.6, 0.5, -0.1]);
        assert!((x[0] - 0.55).abs() < 1e-15 && (x[1] - 0.45).abs() < 1e-15 && x[2] == 0.0);
        // [1.2, −0.2] on two values: θ = 0.2 → [1, 0] (plain clipping for yes/no).
        assert_eq!(project_to_simplex(&[1.2, -0.2]), vec![1.0, 0.0]);
        // Sum below one: every value moves up by the same amount.
        let x = project_to_simplex(&[0.1, 0.1]);
        assert!((x[0] - 0.5).abs() < 1e-15 && (x[1] - 0.5).abs() < 1e-15);
        assert!(project_to_simplex(&[]).is_empty());
        assert_eq!(project_to_simplex(&[f64::NAN, 3.0]), vec![0.0, 1.0]);
    }

    #[test]
    fn projection_is_the_nearest_point_of_the_simplex() {
        // Against a brute-force search over a fine grid of the 3-simplex.
        let mut rng = SeededRandom::new(42);
        for _ in 0..50 {
            let v: Vec<f64> = (0..3).map(|_| rng.next_f64() * 1.6 - 0.4).collect();
            let x = project_to_simplex(&v);
            let dist = |a: &[f64]| a.iter().zip(&v).map(|(a, b)| (a - b).powi(2)).sum::<f64>();
            let steps = 400;
            let mut best = f64::INFINITY;
            for i in 0..=steps {
                for j in 0..=(steps - i) {
                    let a = i as f64 / steps as f64;
                    let b = j as f64 / steps as f64;
                    best = best.min(dist(&[a, b, 1.0 - a - b]));
                }
            }
            assert!(dist(&x) <= best + 1e-9, "{v:?} → {x:?}");
            assert!((x.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn wilson_matches_a_textbook_value() {
        // 10 successes in 100 trials: Wilson 95 % interval [0.0552, 0.1744].
        let (lo, hi) = wilson(0.1, 100.0, Z95);
        assert!(
            (lo - 0.0552).abs() < 5e-5 && (hi - 0.1744).abs() < 5e-5,
            "{lo} {hi}"
        );
        // Zero successes still give a positive upper bound (z²/(n + z²)).
        let (lo, hi) = wilson(0.0, 100.0, Z95);
        assert!(lo.abs() < 1e-12 && (hi - 0.0370).abs() < 5e-5, "{lo} {hi}");
    }

    #[test]
    fn boundary_estimates_keep_a_meaningful_interval() {
        // All records report value 1 of 3 → raw share of value 0 is negative.
        let e = estimate(&[0, 100, 0], 1.0);
        assert!(e[0].raw < 0.0 && e[0].share == 0.0 && e[0].low == 0.0);
        assert!(e[1].raw > 1.0 && e[1].share == 1.0 && e[1].high == 1.0);
        // The data allow a few percent for the unseen values, not exactly 0.
        assert!(e[0].high > 0.02, "{:?}", e[0]);
        assert!(e[1].low < 0.98, "{:?}", e[1]);
        // 16 values, counts far below the noise floor for most: shares still
        // sum to one, none negative, every interval has width.
        let counts = [400, 10, 0, 5, 80, 0, 0, 0, 3, 2, 1, 0, 0, 0, 0, 0];
        let e = estimate(&counts, 2.0);
        let sum: f64 = e.iter().map(|e| e.share).sum();
        assert!((sum - 1.0).abs() < 1e-12, "{sum}");
        for x in &e {
            assert!(x.share >= 0.0 && x.low <= x.share && x.share <= x.high);
            assert!(x.high - x.low > 0.01, "{x:?}");
        }
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
        let total: f64 = joint.iter().flatten().map(|e| e.share).sum();
        assert!((total - 1.0).abs() < 1e-12);
        assert!(
            joint
                .iter()
                .flatten()
                .all(|e| e.share >= 0.0 && e.low <= e.share && e.share <= e.high)
        );
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
