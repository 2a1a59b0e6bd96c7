//! Fixtures for tests here and in the crates that use the domain (feature `testing`).

use crate::{Jam, JoinCode, PersonId, Topic};
use chrono::Utc;
use uuid::Uuid;

/// A fresh jam in the lobby, facilitated by person 100.
pub fn jam() -> Jam {
    Jam::new(
        Uuid::from_u128(1),
        JoinCode::parse("BCDFGH").unwrap(),
        Topic::parse("Hur får vi fler att flytta till Haparanda?").unwrap(),
        PersonId(Uuid::from_u128(100)),
        Utc::now(),
    )
}
