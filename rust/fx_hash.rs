//! The hasher of the core's maps.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash, rustc's hasher: a few cycles for the small keys here, where SipHash was a tenth
/// of a warm prepare. The maps are bounded (slots the runtime handed out, registered
/// signatures and pools), so a guest cannot flood them.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u32(&mut self, value: u32) {
        self.add(value.into());
    }

    #[inline]
    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    #[inline]
    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn fx_hashes_tell_keys_apart() {
        let build = BuildHasherDefault::<FxHasher>::default();
        let hashes: std::collections::HashSet<u64> =
            (0u32..1000).map(|k| build.hash_one(k)).collect();
        assert_eq!(hashes.len(), 1000);
        assert_ne!(
            build.hash_one(&b"\x00\x00\xff\x00"[..]),
            build.hash_one(&b"\x00\xff\x00\x00"[..])
        );
    }
}
