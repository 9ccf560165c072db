//! The word-level difference of two paragraph texts: the longest common subsequence of their
//! tokens (words and punctuation marks, each with the space before it), as runs of kept,
//! deleted and inserted text.

/// What a run of text is in the difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// In both texts.
    Keep,
    /// Only in the draft.
    Delete,
    /// Only in the adopted text.
    Insert,
}

/// A run of text with its [`Op`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// What it is.
    pub op: Op,
    /// The text, with the spaces between its tokens.
    pub text: String,
}

/// The tokens of a text: (leading space, token).
fn tokens(s: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut space = false;
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let word = c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
        if let Some(st) = start
            && !word
        {
            out.push((space, &s[st..i]));
            space = false;
            start = None;
        }
        if c.is_whitespace() {
            space = true;
        } else if word {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            out.push((space, &s[i..i + c.len_utf8()]));
            space = false;
        }
    }
    if let Some(st) = start {
        out.push((space, &s[st..]));
    }
    out
}

/// The difference of `old` and `new`, word by word (a text longer than a few thousand tokens is
/// compared as one replaced run, to bound the quadratic table).
pub fn diff(old: &str, new: &str) -> Vec<Piece> {
    let a = tokens(old);
    let b = tokens(new);
    let (n, m) = (a.len(), b.len());
    let mut ops: Vec<(Op, bool, &str)> = Vec::new();
    if n.saturating_mul(m) > 25_000_000 {
        ops.extend(a.iter().map(|&(sp, t)| (Op::Delete, sp, t)));
        ops.extend(b.iter().map(|&(sp, t)| (Op::Insert, sp, t)));
    } else {
        // lcs[i][j]: LCS length of a[i..] and b[j..].
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[at(i, j)] = if a[i].1 == b[j].1 {
                    lcs[at(i + 1, j + 1)] + 1
                } else {
                    lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && a[i].1 == b[j].1 {
                ops.push((Op::Keep, b[j].0, b[j].1));
                i += 1;
                j += 1;
            } else if j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)]) {
                ops.push((Op::Insert, b[j].0, b[j].1));
                j += 1;
            } else {
                ops.push((Op::Delete, a[i].0, a[i].1));
                i += 1;
            }
        }
    }
    // Deletions before insertions within a changed stretch, then runs merged.
    let mut out: Vec<Piece> = Vec::new();
    let mut k = 0;
    while k < ops.len() {
        if ops[k].0 == Op::Keep {
            push(&mut out, Op::Keep, ops[k].1, ops[k].2);
            k += 1;
            continue;
        }
        let end = ops[k..]
            .iter()
            .position(|o| o.0 == Op::Keep)
            .map_or(ops.len(), |p| k + p);
        for want in [Op::Delete, Op::Insert] {
            for &(op, sp, t) in &ops[k..end] {
                if op == want {
                    push(&mut out, op, sp, t);
                }
            }
        }
        k = end;
    }
    out
}

fn push(out: &mut Vec<Piece>, op: Op, space: bool, t: &str) {
    if let Some(last) = out.last_mut()
        && last.op == op
    {
        if space {
            last.text.push(' ');
        }
        last.text.push_str(t);
        return;
    }
    let mut text = String::new();
    if space {
        text.push(' ');
    }
    text.push_str(t);
    out.push(Piece { op, text });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_changes() {
        let d = diff("Urges States to act.", "Encourages States to act now.");
        let ops: Vec<(Op, &str)> = d.iter().map(|p| (p.op, p.text.as_str())).collect();
        assert_eq!(
            ops,
            vec![
                (Op::Delete, "Urges"),
                (Op::Insert, "Encourages"),
                (Op::Keep, " States to act"),
                (Op::Insert, " now"),
                (Op::Keep, "."),
            ]
        );
    }
}
