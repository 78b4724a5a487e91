//! The desktop shell stays locked down: a strict Content-Security-Policy with no remote origin
//! and no `unsafe-eval`, least-privilege capabilities, no shell/fs/http plugins, and a UI that
//! loads nothing from the network. A change that loosens any of these fails here.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn json(rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join(rel)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn content_security_policy_is_strict() {
    let conf = json("src-tauri/tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP is set");
    let mut directives = std::collections::BTreeMap::new();
    for d in csp.split(';').map(str::trim).filter(|d| !d.is_empty()) {
        let mut parts = d.split_whitespace();
        let name = parts.next().unwrap().to_string();
        directives.insert(name, parts.map(String::from).collect::<Vec<_>>());
    }
    assert!(directives.contains_key("default-src"), "{csp}");
    for (name, sources) in &directives {
        for s in sources {
            let allowed = match s.as_str() {
                "'self'" | "ipc:" | "http://ipc.localhost" | "data:" => true,
                // Svelte's style attributes; never for scripts.
                "'unsafe-inline'" => name == "style-src",
                _ => false,
            };
            assert!(allowed, "CSP {name} allows {s}: {csp}");
        }
    }
    assert!(!csp.contains("unsafe-eval"), "{csp}");
    assert!(
        !directives.contains_key("script-src")
            || directives["script-src"].iter().all(|s| s == "'self'"),
        "{csp}"
    );
    // No global Tauri object for scripts that are not ours, no remote URL as a window.
    assert_ne!(conf["app"]["withGlobalTauri"], serde_json::json!(true));
    for w in conf["app"]["windows"].as_array().unwrap() {
        assert!(w.get("url").is_none(), "a window loads {:?}", w["url"]);
    }
}

#[test]
fn capabilities_are_least_privilege() {
    let cap = json("src-tauri/capabilities/default.json");
    let perms: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names"))
        .collect();
    assert_eq!(
        perms,
        [
            "core:default",
            "dialog:allow-open",
            "dialog:allow-save",
            "dialog:allow-ask",
            "dialog:allow-message",
            "opener:allow-open-path"
        ]
    );
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(
        cap.get("remote").is_none(),
        "no remote origin may use the commands"
    );
    let manifest = std::fs::read_to_string(root().join("src-tauri/Cargo.toml")).unwrap();
    for plugin in [
        "tauri-plugin-shell",
        "tauri-plugin-fs",
        "tauri-plugin-http",
        "tauri-plugin-updater",
    ] {
        assert!(
            !manifest.contains(plugin),
            "{plugin} must not be a dependency"
        );
    }
}

#[test]
fn the_ui_loads_nothing_from_the_network() {
    let mut files = vec![root().join("ui/index.html"), root().join("ui/src/app.css")];
    let mut stack = vec![root().join("ui/src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                if !p.ends_with("test") && !p.ends_with("bindings") {
                    stack.push(p);
                }
            } else if p
                .extension()
                .is_some_and(|x| x == "svelte" || x == "ts" || x == "css" || x == "html")
            {
                files.push(p);
            }
        }
    }
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let l = line.replace("http://www.w3.org/", "");
            assert!(
                !(l.contains("https://") || l.contains("http://") && !l.contains("ipc.localhost")),
                "{}:{}: {line}",
                f.display(),
                i + 1
            );
        }
    }
}
