//! The columns of a list: what each is called, how wide it may be, which go first on a
//! narrow terminal ([`fitting`]) and how wide each is given what the rows on screen
//! hold ([`column_widths`]). Pure functions: the screens declare their columns, the view
//! sizes them.

use ratatui::layout::Constraint;

/// A column of a list: its header, its width, and when it is dropped on a narrow
/// terminal (higher `drop` goes first; 0 never).
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub name: &'static str,
    pub width: Constraint,
    pub min: u16,
    pub drop: u8,
}

impl Col {
    /// A column; its minimum width is its fixed width, or its header's.
    pub fn new(name: &'static str, width: Constraint, drop: u8) -> Col {
        let min = match width {
            Constraint::Length(n) => n,
            _ => name.chars().count() as u16,
        };
        Col {
            name,
            width,
            min,
            drop,
        }
    }

    /// The same column with a minimum width.
    pub fn min(self, min: u16) -> Col {
        Col { min, ..self }
    }
}

/// Which columns fit in `width` (after the selection marker): the least important are
/// dropped until the rest fit at their minimum widths.
pub fn fitting(cols: &[Col], width: u16) -> Vec<usize> {
    let mut keep: Vec<usize> = (0..cols.len()).collect();
    let need = |keep: &[usize]| -> u16 { keep.iter().map(|&i| cols[i].min + 1).sum::<u16>() + 2 };
    while need(&keep) > width {
        let Some((pos, _)) = keep
            .iter()
            .enumerate()
            .filter(|(_, i)| cols[**i].drop > 0)
            .max_by_key(|(pos, i)| (cols[**i].drop, *pos))
        else {
            break;
        };
        keep.remove(pos);
    }
    keep
}

/// The widths of the kept columns `keep` of a table `width` columns wide (after the
/// selection marker), sized to their content: `natural[k]` is the widest cell (or the
/// header) of the `k`th kept column on screen. A fixed-width column keeps its width;
/// the others get their content's width when all fit, else the widest are cut to a
/// common width (never below their minimum) so that narrow columns stay whole. Room
/// left over stays at the right, not spread between columns.
pub fn column_widths(cols: &[Col], keep: &[usize], natural: &[u16], width: u16) -> Vec<u16> {
    let spacing = keep.len().saturating_sub(1) as u16;
    let room = width.saturating_sub(2 + spacing);
    let fixed = |i: usize| match cols[i].width {
        Constraint::Length(n) => Some(n),
        _ => None,
    };
    let fixed_total: u16 = keep.iter().filter_map(|&i| fixed(i)).sum();
    let flex_room = room.saturating_sub(fixed_total);
    let want = |k: usize, cap: u16| -> u16 {
        let i = keep[k];
        fixed(i).unwrap_or_else(|| natural[k].min(cap).max(cols[i].min))
    };
    let flex_sum = |cap: u16| -> u16 {
        (0..keep.len())
            .filter(|&k| fixed(keep[k]).is_none())
            .map(|k| want(k, cap))
            .sum()
    };
    // The largest common cap that fits (binary search: the sum grows with the cap).
    let (mut lo, mut hi) = (0u16, natural.iter().copied().max().unwrap_or(0));
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if flex_sum(mid) <= flex_room {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut widths: Vec<u16> = (0..keep.len()).map(|k| want(k, lo)).collect();
    // Columns cut at the cap share what the cap's rounding left, left to right.
    let mut spare = flex_room.saturating_sub(flex_sum(lo));
    for k in 0..keep.len() {
        if spare == 0 {
            break;
        }
        if fixed(keep[k]).is_none() && widths[k] < natural[k] {
            widths[k] += 1;
            spare -= 1;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(drop: u8) -> Col {
        Col::new("col", Constraint::Length(4), drop)
    }

    #[test]
    fn columns_take_their_content_and_the_widest_are_cut_first() {
        let cols = [
            Col::new("from", Constraint::Fill(1), 0).min(4),
            Col::new("data", Constraint::Fill(1), 0).min(4),
            Col::new("!", Constraint::Length(3), 0),
        ];
        let keep = [0, 1, 2];
        // Room for all: each its content (2 for the marker, 2 spaces between).
        assert_eq!(column_widths(&cols, &keep, &[10, 30, 1], 80), [10, 30, 3]);
        // Too little: the wide one is cut, the narrow one stays whole.
        assert_eq!(column_widths(&cols, &keep, &[10, 30, 1], 30), [10, 13, 3]);
        // Both wide: cut to a common width.
        assert_eq!(column_widths(&cols, &keep, &[40, 30, 1], 30), [12, 11, 3]);
        // Never below a minimum.
        assert_eq!(column_widths(&cols, &keep, &[40, 30, 1], 10), [4, 4, 3]);
    }

    #[test]
    fn the_least_important_columns_go_first() {
        let cols = [col(0), col(2), col(1), col(2)];
        // Each column takes its width and a space; the marker two more.
        assert_eq!(fitting(&cols, 22), vec![0, 1, 2, 3]);
        assert_eq!(
            fitting(&cols, 21),
            vec![0, 1, 2],
            "the later of two equals first"
        );
        assert_eq!(fitting(&cols, 12), vec![0, 2]);
        assert_eq!(
            fitting(&cols, 1),
            vec![0],
            "a column that never drops stays"
        );
    }
}
