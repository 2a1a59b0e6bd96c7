//! The effort/impact matrix and the actions that come out of it.

use super::text::ActionText;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Quadrant {
    /// Low effort, high impact: do these first.
    QuickWin,
    /// High effort, high impact.
    BigBet,
    /// Low effort, low impact.
    FillIn,
    /// High effort, low impact.
    Thankless,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::QuickWin,
        Quadrant::BigBet,
        Quadrant::FillIn,
        Quadrant::Thankless,
    ];

    /// Where average ratings (1–5 each) put a solution: above the middle (3) counts as high,
    /// on both axes alike.
    pub fn from_ratings(effort: f32, impact: f32) -> Self {
        let high = |average: f32| average > 3.0;
        match (high(effort), high(impact)) {
            (false, true) => Quadrant::QuickWin,
            (true, true) => Quadrant::BigBet,
            (false, false) => Quadrant::FillIn,
            (true, false) => Quadrant::Thankless,
        }
    }
}

/// One phone's rating of one solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub rater: Uuid,
    pub solution: Uuid,
    pub effort: u8,
    pub impact: u8,
}

impl Rating {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;
}

/// A concrete first step for a solution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub solution: Uuid,
    pub first_step: ActionText,
    pub owner: ActionText,
    pub due: NaiveDate,
}

/// The average effort and impact given to `solution`, if anyone rated it.
pub fn average(ratings: &[Rating], solution: Uuid) -> Option<(f32, f32)> {
    let mine: Vec<_> = ratings.iter().filter(|r| r.solution == solution).collect();
    if mine.is_empty() {
        return None;
    }
    let n = mine.len() as f32;
    let effort = mine.iter().map(|r| f32::from(r.effort)).sum::<f32>() / n;
    let impact = mine.iter().map(|r| f32::from(r.impact)).sum::<f32>() / n;
    Some((effort, impact))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_suggest_a_quadrant() {
        assert_eq!(Quadrant::from_ratings(1.0, 5.0), Quadrant::QuickWin);
        assert_eq!(Quadrant::from_ratings(5.0, 5.0), Quadrant::BigBet);
        assert_eq!(Quadrant::from_ratings(2.0, 1.0), Quadrant::FillIn);
        assert_eq!(Quadrant::from_ratings(4.5, 2.0), Quadrant::Thankless);
    }
}
