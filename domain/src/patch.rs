//! What changed between two JSON documents, as a patch small enough to send after every change:
//! the live channel sends a screen its view once, then patches.
//!
//! - Objects are patched field by field; a field that is gone is removed.
//! - Lists whose items all carry a unique `"id"` (notes, problems, actions, people) are matched
//!   by id, so adding, removing, changing or moving one item costs about that item: the patch
//!   says which runs of the old list to keep, which old items to patch and what is new.
//! - Other lists keep their common beginning and end and replace the middle.
//!
//! A patch only ever holds values taken from the new document (and positions in the old one),
//! so it can never carry anything the new document's reader may not see.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Patch {
    /// The new value, whole.
    #[serde(rename = "=")]
    Set(Value),
    /// An object: these fields changed (a field gone from the new object is `Remove`d).
    #[serde(rename = "{")]
    Fields(BTreeMap<String, Patch>),
    /// The field is gone.
    #[serde(rename = "-")]
    Remove,
    /// A list, rebuilt from runs of the old one, patched old items and new items.
    #[serde(rename = "[")]
    List(Vec<Piece>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Piece {
    /// `old[start..start + len]`, unchanged.
    #[serde(rename = "k")]
    Keep(usize, usize),
    /// `old[at]`, patched.
    #[serde(rename = "p")]
    Change(usize, Patch),
    /// Items that are new.
    #[serde(rename = "n")]
    New(Vec<Value>),
}

/// Why a patch does not fit the document it was applied to: the screen's copy is not the one
/// the patch was made from, and it needs the whole document again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the patch does not fit the document")]
pub struct Misfit;

/// The patch that turns `old` into `new`, or None when they are equal.
pub fn diff(old: &Value, new: &Value) -> Option<Patch> {
    if old == new {
        return None;
    }
    Some(match (old, new) {
        (Value::Object(a), Value::Object(b)) => diff_object(a, b),
        (Value::Array(a), Value::Array(b)) => diff_list(a, b),
        _ => Patch::Set(new.clone()),
    })
}

fn diff_object(a: &Map<String, Value>, b: &Map<String, Value>) -> Patch {
    let mut fields = BTreeMap::new();
    for (key, new) in b {
        let patch = match a.get(key) {
            Some(old) => diff(old, new),
            None => Some(Patch::Set(new.clone())),
        };
        if let Some(patch) = patch {
            fields.insert(key.clone(), patch);
        }
    }
    for key in a.keys().filter(|k| !b.contains_key(*k)) {
        fields.insert(key.clone(), Patch::Remove);
    }
    Patch::Fields(fields)
}

fn diff_list(a: &[Value], b: &[Value]) -> Patch {
    let pieces = match (ids(a), ids(b)) {
        (Some(old_ids), Some(new_ids)) => keyed_pieces(a, b, &old_ids, &new_ids),
        _ => positional_pieces(a, b),
    };
    // Nothing of the old list kept: the new list whole is shorter to send.
    if pieces.iter().all(|p| matches!(p, Piece::New(_))) {
        return Patch::Set(Value::Array(b.to_vec()));
    }
    Patch::List(pieces)
}

/// The `"id"` of every item, if every item has a unique one.
fn ids(list: &[Value]) -> Option<Vec<&str>> {
    let ids: Vec<&str> = list
        .iter()
        .map(|item| item.get("id").and_then(Value::as_str))
        .collect::<Option<_>>()?;
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    ids.iter().all(|id| seen.insert(*id)).then_some(ids)
}

fn keyed_pieces(a: &[Value], b: &[Value], old_ids: &[&str], new_ids: &[&str]) -> Vec<Piece> {
    let at: HashMap<&str, usize> = old_ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut pieces = Vec::new();
    for (item, id) in b.iter().zip(new_ids) {
        match at.get(id) {
            Some(&i) => match diff(&a[i], item) {
                None => keep(&mut pieces, i),
                Some(patch) => pieces.push(Piece::Change(i, patch)),
            },
            None => add(&mut pieces, item),
        }
    }
    pieces
}

fn positional_pieces(a: &[Value], b: &[Value]) -> Vec<Piece> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut pieces = Vec::new();
    if prefix > 0 {
        pieces.push(Piece::Keep(0, prefix));
    }
    if b.len() > prefix + suffix {
        pieces.push(Piece::New(b[prefix..b.len() - suffix].to_vec()));
    }
    if suffix > 0 {
        pieces.push(Piece::Keep(a.len() - suffix, suffix));
    }
    pieces
}

fn keep(pieces: &mut Vec<Piece>, i: usize) {
    if let Some(Piece::Keep(start, len)) = pieces.last_mut() {
        if *start + *len == i {
            *len += 1;
            return;
        }
    }
    pieces.push(Piece::Keep(i, 1));
}

fn add(pieces: &mut Vec<Piece>, item: &Value) {
    if let Some(Piece::New(items)) = pieces.last_mut() {
        items.push(item.clone());
        return;
    }
    pieces.push(Piece::New(vec![item.clone()]));
}

/// Applies `patch` to `target`. On a misfit `target` may be half changed: throw it away.
pub fn apply(target: &mut Value, patch: &Patch) -> Result<(), Misfit> {
    match patch {
        Patch::Set(value) => *target = value.clone(),
        Patch::Remove => return Err(Misfit),
        Patch::Fields(fields) => {
            let object = target.as_object_mut().ok_or(Misfit)?;
            for (key, patch) in fields {
                match (patch, object.get_mut(key)) {
                    (Patch::Remove, Some(_)) => {
                        object.remove(key);
                    }
                    (Patch::Set(value), None) => {
                        object.insert(key.clone(), value.clone());
                    }
                    (patch, Some(field)) => apply(field, patch)?,
                    (_, None) => return Err(Misfit),
                }
            }
        }
        Patch::List(pieces) => {
            let old = target.as_array_mut().ok_or(Misfit)?;
            let mut new = Vec::with_capacity(old.len());
            for piece in pieces {
                match piece {
                    Piece::Keep(start, len) => {
                        let run = start
                            .checked_add(*len)
                            .and_then(|end| old.get(*start..end))
                            .ok_or(Misfit)?;
                        new.extend_from_slice(run);
                    }
                    Piece::Change(at, patch) => {
                        let mut item = old.get(*at).ok_or(Misfit)?.clone();
                        apply(&mut item, patch)?;
                        new.push(item);
                    }
                    Piece::New(items) => new.extend_from_slice(items),
                }
            }
            *old = new;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn roundtrip(old: &Value, new: &Value) -> Option<Patch> {
        let patch = diff(old, new);
        let mut copy = old.clone();
        if let Some(p) = &patch {
            let wire: Patch = serde_json::from_str(&serde_json::to_string(p).unwrap()).unwrap();
            apply(&mut copy, &wire).unwrap();
        }
        assert_eq!(&copy, new);
        patch
    }

    #[test]
    fn adding_one_note_to_a_long_list_sends_that_note() {
        let notes: Vec<Value> = (0..100)
            .map(|i| json!({"id": format!("n{i}"), "text": "x".repeat(100)}))
            .collect();
        let old = json!({"round": "Reveal", "notes": notes});
        let mut more = notes.clone();
        more.insert(40, json!({"id": "new", "text": "hello"}));
        let new = json!({"round": "Reveal", "notes": more});
        let patch = roundtrip(&old, &new).unwrap();
        let size = serde_json::to_string(&patch).unwrap().len();
        assert!(size < 120, "{size} bytes: {patch:?}");
    }

    #[test]
    fn a_changed_field_deep_in_a_list_sends_only_the_field() {
        let old = json!({"notes": [{"id": "a", "votes": 1}, {"id": "b", "votes": 2}]});
        let new = json!({"notes": [{"id": "a", "votes": 1}, {"id": "b", "votes": 3}]});
        let patch = roundtrip(&old, &new).unwrap();
        assert_eq!(
            serde_json::to_string(&patch).unwrap(),
            r#"{"{":{"notes":{"[":[{"k":[0,1]},{"p":[1,{"{":{"votes":{"=":3}}}]}]}}}"#
        );
    }

    #[test]
    fn removed_fields_and_reordered_items() {
        roundtrip(
            &json!({"a": 1, "b": [1, 2, 3], "c": {"d": null}}),
            &json!({"a": 1, "b": [1, 3], "e": true}),
        );
        roundtrip(
            &json!([{"id": "a"}, {"id": "b"}, {"id": "c"}]),
            &json!([{"id": "c"}, {"id": "a"}, {"id": "b", "x": 1}]),
        );
        assert_eq!(roundtrip(&json!({"a": 1}), &json!({"a": 1})), None);
    }

    #[test]
    fn a_patch_for_another_document_is_a_misfit() {
        let patch = diff(&json!([{"id": "a"}, {"id": "b"}]), &json!([{"id": "b"}])).unwrap();
        let mut other = json!([]);
        assert_eq!(apply(&mut other, &patch), Err(Misfit));
        let patch = diff(&json!({"a": {"b": 1}}), &json!({"a": {"b": 2}})).unwrap();
        assert_eq!(apply(&mut json!({"c": 1}), &patch), Err(Misfit));
        assert_eq!(apply(&mut json!({"a": 5}), &patch), Err(Misfit));
    }

    /// JSON documents shaped like views: objects, scalars, and lists that are sometimes keyed.
    fn document() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            (0i64..5).prop_map(Value::from),
            "[a-c]{0,2}".prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("[a-d]", inner.clone(), 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
                // Keyed lists, ids drawn from a small set so old and new share some.
                proptest::collection::btree_map("[a-f]", inner, 0..6).prop_map(|m| {
                    Value::Array(
                        m.into_iter()
                            .map(|(id, v)| json!({"id": id, "v": v}))
                            .collect(),
                    )
                }),
            ]
        })
    }

    fn strings(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }

    fn patch_strings(patch: &Patch, out: &mut Vec<String>) {
        match patch {
            Patch::Set(v) => strings(v, out),
            Patch::Remove => {}
            Patch::Fields(f) => f.values().for_each(|p| patch_strings(p, out)),
            Patch::List(pieces) => {
                for piece in pieces {
                    match piece {
                        Piece::Keep(..) => {}
                        Piece::Change(_, p) => patch_strings(p, out),
                        Piece::New(items) => items.iter().for_each(|v| strings(v, out)),
                    }
                }
            }
        }
    }

    proptest! {
        /// Whatever the two documents, the patch turns the first into the second (after a trip
        /// through JSON, as on the wire), and equal documents need no patch.
        #[test]
        fn a_patch_turns_old_into_new(old in document(), new in document()) {
            let patch = roundtrip(&old, &new);
            prop_assert_eq!(patch.is_none(), old == new);
        }

        /// A patch carries no value that is not in the new document.
        #[test]
        fn a_patch_carries_only_what_the_new_document_holds(old in document(), new in document()) {
            if let Some(patch) = diff(&old, &new) {
                let (mut sent, mut allowed) = (Vec::new(), Vec::new());
                patch_strings(&patch, &mut sent);
                strings(&new, &mut allowed);
                for s in sent {
                    prop_assert!(allowed.contains(&s), "{:?} not in the new document", s);
                }
            }
        }
    }
}
