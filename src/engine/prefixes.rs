//! The prefilled prompt prefixes an engine keeps: one per prompt in use (each business's
//! extraction and planner prompts), the least recently used dropped when the cache is full,
//! so a server with more businesses than fit re-prefills only the one it drops.

use std::collections::HashMap;

/// Values by prompt text, at most `max`, least recently used out first.
pub struct Recent<V> {
    max: usize,
    clock: u64,
    map: HashMap<String, (V, u64)>,
}

impl<V: Clone> Recent<V> {
    pub fn new(max: usize) -> Recent<V> {
        Recent {
            max: max.max(1),
            clock: 0,
            map: HashMap::new(),
        }
    }

    /// The value for `key`, marked as just used.
    pub fn get(&mut self, key: &str) -> Option<V> {
        self.clock += 1;
        let now = self.clock;
        self.map.get_mut(key).map(|(v, used)| {
            *used = now;
            v.clone()
        })
    }

    /// Keeps `value` for `key`, dropping the least recently used entry when full.
    pub fn insert(&mut self, key: String, value: V) {
        self.clock += 1;
        if !self.map.contains_key(&key) && self.map.len() >= self.max {
            if let Some(oldest) = self
                .map
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone())
            {
                self.map.remove(&oldest);
            }
        }
        self.map.insert(key, (value, self.clock));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.map.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_prefix_goes_first() {
        let mut r = Recent::new(2);
        r.insert("a".into(), 1);
        r.insert("b".into(), 2);
        assert_eq!(r.get("a"), Some(1));
        r.insert("c".into(), 3);
        assert_eq!(r.len(), 2);
        assert_eq!(r.get("b"), None, "b was used least recently");
        assert_eq!(r.get("a"), Some(1));
        assert_eq!(r.get("c"), Some(3));
        // Replacing a kept key drops nothing.
        r.insert("c".into(), 4);
        assert_eq!((r.get("a"), r.get("c")), (Some(1), Some(4)));
    }
}
