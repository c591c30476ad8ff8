//! The string type of the model's ids and of the names many entities
//! repeat (a seed's path, a unit): an [`Id`] is shared, not copied, so
//! that the tens of thousands of tasks and targets that name a plan, a
//! task or an indicator hold one copy of its id between them. It reads,
//! compares, orders, hashes and serializes as the string it holds.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A shared, immutable string (see the module doc).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(Arc<str>);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<String> for Id {
    fn from(s: String) -> Id {
        Id(s.into())
    }
}

impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id(s.into())
    }
}

impl From<&String> for Id {
    fn from(s: &String) -> Id {
        Id(s.as_str().into())
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0.to_string()
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Id> for String {
    fn eq(&self, other: &Id) -> bool {
        self.as_str() == &*other.0
    }
}

impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Id;
    use std::collections::BTreeMap;

    #[test]
    fn an_id_orders_compares_prints_and_serializes_as_its_string() {
        let ids: Vec<Id> = ["p-task-2", "p-task-10", "a"].map(Id::from).into();
        let mut sorted = ids.clone();
        sorted.sort();
        let mut strings: Vec<&str> = ids.iter().map(Id::as_str).collect();
        strings.sort();
        assert_eq!(sorted.iter().map(Id::as_str).collect::<Vec<_>>(), strings);
        let map: BTreeMap<Id, usize> = ids.iter().cloned().zip(0..).collect();
        assert_eq!(map.get("p-task-10"), Some(&1));
        assert_eq!(ids[0], "p-task-2");
        assert_eq!(ids[0], "p-task-2".to_string());
        assert_eq!(format!("{} {:?}", ids[2], ids[2]), "a \"a\"");
        assert_eq!(serde_json::to_string(&ids[1]).unwrap(), "\"p-task-10\"");
    }

    #[test]
    fn clones_of_an_id_share_one_string() {
        let id = Id::from("guobanfa-2024-21");
        let copy = id.clone();
        assert!(std::ptr::eq(id.as_str(), copy.as_str()));
    }
}
