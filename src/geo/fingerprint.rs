//! Which file a prepared world was made from. Shared with the build script (`build.rs`), which
//! fingerprints the bundled GeoJSON, so it uses nothing but `core`.

/// A 64-bit fingerprint of a file's bytes (FNV-1a over 8-byte words). A fraction of a
/// millisecond for the bundled 1.9 MB.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        hash = (hash ^ u64::from_le_bytes(w)).wrapping_mul(PRIME);
    }
    for &b in words.remainder() {
        hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
    }
    hash
}
