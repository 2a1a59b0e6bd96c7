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
    /// What a scale counts as until the phone gives it.
    pub const MIDDLE: u8 = 3;
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
    use proptest::prelude::*;

    proptest! {
        /// The averages are of this solution's ratings only, each axis on its own; a solution
        /// nobody rated has none.
        #[test]
        fn averages_are_of_the_solutions_own_ratings(
            ratings in proptest::collection::vec((0u128..3, 1u8..=5, 1u8..=5), 0..12),
        ) {
            let ratings: Vec<Rating> = ratings
                .into_iter()
                .enumerate()
                .map(|(i, (solution, effort, impact))| Rating {
                    rater: Uuid::from_u128(100 + i as u128),
                    solution: Uuid::from_u128(solution),
                    effort,
                    impact,
                })
                .collect();
            for solution in (0..4).map(Uuid::from_u128) {
                let own: Vec<&Rating> = ratings.iter().filter(|r| r.solution == solution).collect();
                let expected = (!own.is_empty()).then(|| {
                    let n = own.len() as f32;
                    let sum = |f: fn(&Rating) -> u8| own.iter().map(|r| f32::from(f(r))).sum::<f32>();
                    (sum(|r| r.effort) / n, sum(|r| r.impact) / n)
                });
                prop_assert_eq!(average(&ratings, solution), expected);
            }
        }
    }

    #[test]
    fn an_average_is_what_a_person_would_work_out() {
        let rate = |rater: u128, effort: u8, impact: u8| Rating {
            rater: Uuid::from_u128(rater),
            solution: Uuid::from_u128(1),
            effort,
            impact,
        };
        let ratings = [rate(10, 1, 5), rate(11, 2, 4), rate(12, 4, 4)];
        let (effort, impact) = average(&ratings, Uuid::from_u128(1)).unwrap();
        assert!((effort - 7.0 / 3.0).abs() < 1e-6 && (impact - 13.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn ratings_suggest_a_quadrant() {
        assert_eq!(Quadrant::from_ratings(1.0, 5.0), Quadrant::QuickWin);
        assert_eq!(Quadrant::from_ratings(5.0, 5.0), Quadrant::BigBet);
        assert_eq!(Quadrant::from_ratings(2.0, 1.0), Quadrant::FillIn);
        assert_eq!(Quadrant::from_ratings(4.5, 2.0), Quadrant::Thankless);
    }
}
