//! The built browser files (`/pkg`: wasm, JS, CSS), served compressed at the best ratio.
//!
//! Compressing a megabyte of wasm at brotli's highest quality takes seconds, too slow per
//! request, so it is done once per build: at start-up, in the background, each file gets a
//! `.br` and a `.gz` beside it (unless they are already newer than it), and the file service
//! sends those to browsers that accept them. Until they exist, the compression layer compresses
//! on the fly at its quicker default.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

const SUFFIXES: [&str; 2] = ["br", "gz"];

/// Deletes compressed copies older than their file (left from an earlier build), so a fresh
/// build is never answered with the previous one. Quick: run it before serving.
pub fn remove_stale(pkg: &Path) -> io::Result<()> {
    for path in assets(pkg)? {
        for suffix in SUFFIXES {
            let derived = with_suffix(&path, suffix);
            if derived.exists() && !is_fresh(&path, &derived) {
                std::fs::remove_file(derived)?;
            }
        }
    }
    Ok(())
}

/// Writes the missing `.br` and `.gz` files of the assets in `pkg`. Slow: run it aside.
pub fn precompress(pkg: &Path) -> io::Result<usize> {
    let mut written = 0;
    for path in assets(pkg)? {
        for (suffix, compress) in SUFFIXES.into_iter().zip([brotli as Compressor, gzip]) {
            let target = with_suffix(&path, suffix);
            if is_fresh(&path, &target) {
                continue;
            }
            // Written aside and renamed, so a request never gets a half-written file.
            let partial = with_suffix(&path, &format!("{suffix}.partial"));
            compress(&path, &partial)?;
            std::fs::rename(&partial, &target)?;
            written += 1;
        }
    }
    Ok(written)
}

/// The files in `pkg` worth compressing.
fn assets(pkg: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(pkg)? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str());
        if ext.is_some_and(|e| matches!(e, "wasm" | "js" | "css" | "svg")) {
            found.push(path);
        }
    }
    Ok(found)
}

type Compressor = fn(&Path, &Path) -> io::Result<()>;

fn brotli(from: &Path, to: &Path) -> io::Result<()> {
    let mut input = BufReader::new(File::open(from)?);
    let mut output = BufWriter::new(File::create(to)?);
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    ::brotli::BrotliCompress(&mut input, &mut output, &params)?;
    output.flush()
}

fn gzip(from: &Path, to: &Path) -> io::Result<()> {
    let mut input = BufReader::new(File::open(from)?);
    let mut encoder = flate2::write::GzEncoder::new(
        BufWriter::new(File::create(to)?),
        flate2::Compression::best(),
    );
    io::copy(&mut input, &mut encoder)?;
    encoder.finish()?.flush()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn is_fresh(source: &Path, derived: &Path) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    matches!((modified(source), modified(derived)), (Some(s), Some(d)) if d >= s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn writes_both_compressions_once_and_they_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let wasm = dir.path().join("blixt.wasm");
        let content: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        std::fs::write(&wasm, &content).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not an asset").unwrap();
        assert_eq!(precompress(dir.path()).unwrap(), 2);
        assert_eq!(
            precompress(dir.path()).unwrap(),
            0,
            "fresh files are left alone"
        );

        let mut from_gz = Vec::new();
        flate2::read::GzDecoder::new(File::open(dir.path().join("blixt.wasm.gz")).unwrap())
            .read_to_end(&mut from_gz)
            .unwrap();
        let mut from_br = Vec::new();
        ::brotli::BrotliDecompress(
            &mut File::open(dir.path().join("blixt.wasm.br")).unwrap(),
            &mut from_br,
        )
        .unwrap();
        assert_eq!((from_gz == content, from_br == content), (true, true));
        assert!(!dir.path().join("notes.txt.br").exists());

        // A new build: the old compressed copies go before anything is served.
        std::fs::write(&wasm, b"new build").unwrap();
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(10);
        File::options()
            .write(true)
            .open(&wasm)
            .unwrap()
            .set_modified(later)
            .unwrap();
        remove_stale(dir.path()).unwrap();
        assert!(!dir.path().join("blixt.wasm.br").exists());
        assert!(!dir.path().join("blixt.wasm.gz").exists());
    }
}
