//! Douglas–Peucker simplification of closed rings, for the coarser levels of detail.

/// How many points a ring has without its closing point.
pub fn open_len(ring: &[[f64; 2]]) -> usize {
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.len() - 1
    } else {
        ring.len()
    }
}

/// The ring without its closing point (earcut and the outline builder want open rings).
fn open_ring(ring: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut out = ring.to_vec();
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// Douglas–Peucker on a closed ring. The ring is split at its first point and the point farthest
/// from it, so the two halves are open polylines. Returns the indices of the points kept, into
/// the ring without its closing point.
pub fn simplify_ring(ring: &[[f64; 2]], tolerance: f64) -> Vec<u32> {
    let open = open_ring(ring);
    // A ring smaller than the tolerance would draw as a speck: leave it out at this level.
    let (lo, hi) = open.iter().fold(
        ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]),
        |(lo, hi), p| {
            (
                [lo[0].min(p[0]), lo[1].min(p[1])],
                [hi[0].max(p[0]), hi[1].max(p[1])],
            )
        },
    );
    if (hi[0] - lo[0]).max(hi[1] - lo[1]) < 2.0 * tolerance {
        return Vec::new();
    }
    if open.len() < 4 {
        return (0..open.len() as u32).collect();
    }
    let far = (1..open.len())
        .max_by(|&a, &b| dist2(open[0], open[a]).total_cmp(&dist2(open[0], open[b])))
        .unwrap_or(1);
    let mut keep = vec![false; open.len() + 1];
    keep[0] = true;
    keep[far] = true;
    keep[open.len()] = true;
    let closed: Vec<[f64; 2]> = open
        .iter()
        .copied()
        .chain(std::iter::once(open[0]))
        .collect();
    let tolerance2 = tolerance * tolerance;
    let mut stack = vec![(0, far), (far, open.len())];
    while let Some((a, b)) = stack.pop() {
        let mut best = (0.0, 0);
        for i in a + 1..b {
            let d = segment_dist2(closed[i], closed[a], closed[b]);
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tolerance2 {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    (0..open.len() as u32)
        .zip(&keep)
        .filter_map(|(i, k)| k.then_some(i))
        .collect()
}

fn dist2(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

fn segment_dist2(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return dist2(p, a);
    }
    let t = (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0);
    dist2(p, [a[0] + t * dx, a[1] + t * dy])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplifying_drops_points_on_a_straight_edge() {
        let ring: Vec<[f64; 2]> = vec![
            [0.0, 0.0],
            [0.5, 0.0],
            [1.0, 0.0],
            [1.0, 1.0],
            [0.0, 1.0],
            [0.0, 0.0],
        ];
        let simple = simplify_ring(&ring, 0.01);
        assert_eq!(simple.len(), 4, "{simple:?}");
    }
}
