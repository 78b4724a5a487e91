//! The committed TypeScript bindings in `ui/src/bindings` match the Rust IPC types.

#[test]
fn typescript_bindings_have_not_drifted() {
    let dir = tempfile::tempdir().unwrap();
    sqm_core::ipc::export_bindings(dir.path()).unwrap();
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let list = |d: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        list(dir.path()),
        list(&committed),
        "run `make bindings` and commit ui/src/bindings"
    );
    for name in list(dir.path()) {
        let fresh = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        let old = std::fs::read_to_string(committed.join(&name)).unwrap();
        assert_eq!(
            fresh, old,
            "{name} drifted: run `make bindings` and commit ui/src/bindings"
        );
    }
}
