//! Embeds the deep-zoom viewer (OpenSeadragon, pinned in `viewer/package-lock.json`) so the
//! binary serves it from its own origin. The package comes from the npm registry through
//! `npm ci` into OUT_DIR (the source tree is never written); `viewer/node_modules`, when someone
//! installed it there, is used as is. Without npm the build still succeeds, says so, and object
//! pages show their images without deep zoom.

use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGE_DIR: &str = "node_modules/openseadragon/build/openseadragon";

fn main() {
    println!("cargo::rerun-if-changed=viewer/package.json");
    println!("cargo::rerun-if-changed=viewer/package-lock.json");
    println!("cargo::rerun-if-env-changed=KOLO_VIEWER_DIR");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let files = match viewer_dir(&out) {
        Ok(dir) => collect(&dir),
        Err(why) => {
            println!("cargo::warning=deep-zoom viewer not embedded: {why}");
            Vec::new()
        }
    };
    let mut code = String::from(
        "/// Viewer files: (path under /static/viewer/, bytes).\npub static VIEWER_FILES: &[(&str, &[u8])] = &[\n",
    );
    for (name, path) in &files {
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            path.display()
        ));
    }
    code.push_str("];\n");
    std::fs::write(out.join("viewer_files.rs"), code).expect("OUT_DIR is writable");
}

fn viewer_dir(out: &Path) -> Result<PathBuf, String> {
    if let Ok(dir) = std::env::var("KOLO_VIEWER_DIR") {
        return Ok(PathBuf::from(dir));
    }
    let in_tree = Path::new("viewer").join(PACKAGE_DIR);
    if in_tree.join("openseadragon.min.js").is_file() {
        return in_tree.canonicalize().map_err(|e| e.to_string());
    }
    let work = out.join("viewer");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(Path::new("viewer").join(file), work.join(file))
            .map_err(|e| e.to_string())?;
    }
    let status = Command::new("npm")
        .args([
            "ci",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ])
        .current_dir(&work)
        .status()
        .map_err(|e| format!("cannot run npm ({e}); install npm or set KOLO_VIEWER_DIR"))?;
    if !status.success() {
        return Err(format!("npm ci failed ({status})"));
    }
    Ok(work.join(PACKAGE_DIR))
}

/// The minified script and the button images; source maps and the unminified copy stay out.
fn collect(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut files = vec![(
        "openseadragon.min.js".to_owned(),
        dir.join("openseadragon.min.js"),
    )];
    if let Ok(entries) = std::fs::read_dir(dir.join("images")) {
        let mut images: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "png"))
            .collect();
        images.sort();
        for path in images {
            let name = format!("images/{}", path.file_name().unwrap().to_string_lossy());
            files.push((name, path));
        }
    }
    // The BSD licence travels with the code it covers.
    files.push(("LICENSE.txt".to_owned(), dir.join("../../LICENSE.txt")));
    files.retain(|(_, path)| path.is_file());
    files
}
