//! A `kolo serve` child process for end-to-end tests.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// What the server prints on stdout, followed by its address, once it accepts connections.
const READY_PREFIX: &str = "kolo: listening on http://";
const STARTUP_TIMEOUT: Duration = Duration::from_secs(120);

/// A running `kolo serve` on a free loopback port; killed when dropped.
pub struct KoloServer {
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub base_url: String,
    pub data_dir: PathBuf,
    child: Child,
}

impl KoloServer {
    /// Runs `<binary> serve --listen 127.0.0.1:0 --data <data_dir> <extra_args>` with `envs`
    /// added to the environment, and waits (up to 120 s) until it prints
    /// `kolo: listening on http://<addr>`. The rest of its stdout is copied to this test's
    /// stderr; its stderr is inherited.
    pub fn start(
        binary: &Path,
        data_dir: &Path,
        extra_args: &[&str],
        envs: &[(&str, &str)],
    ) -> anyhow::Result<KoloServer> {
        let mut child = Command::new(binary)
            .args(["serve", "--listen", "127.0.0.1:0", "--data"])
            .arg(data_dir)
            .args(extra_args)
            .envs(envs.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;

        // A thread reads stdout for the server's whole life, so the pipe never fills up.
        let stdout = child.stdout.take().expect("stdout is piped");
        let (lines_tx, lines_rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Err(mpsc::SendError(line)) = lines_tx.send(line) {
                    eprintln!("kolo serve: {line}");
                }
            }
        });

        let deadline = Instant::now() + STARTUP_TIMEOUT;
        let mut printed = String::new();
        let outcome = loop {
            let timeout = deadline.saturating_duration_since(Instant::now());
            match lines_rx.recv_timeout(timeout) {
                Ok(line) => {
                    if let Some(addr) = line.trim().strip_prefix(READY_PREFIX) {
                        break Ok(format!("http://{addr}"));
                    }
                    printed.push_str(&line);
                    printed.push('\n');
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    break Err(anyhow::anyhow!(
                        "{} did not print `{READY_PREFIX}<addr>` within {} s; it printed:\n{printed}",
                        binary.display(),
                        STARTUP_TIMEOUT.as_secs()
                    ));
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = child.wait()?;
                    bail!(
                        "{} exited ({status}) before listening; it printed:\n{printed}",
                        binary.display()
                    );
                }
            }
        };
        let base_url = match outcome {
            Ok(base_url) => base_url,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e);
            }
        };
        Ok(KoloServer {
            base_url,
            data_dir: data_dir.to_path_buf(),
            child,
        })
    }

    /// The absolute URL of `path` (e.g. `/api/v1/networks`) on this server.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `limit` for the server to exit by itself (e.g. after a signal).
    pub fn wait_for_exit(mut self, limit: std::time::Duration) -> Option<std::process::ExitStatus> {
        let deadline = std::time::Instant::now() + limit;
        while std::time::Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        None
    }

    pub fn url(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{path}", self.base_url)
        } else {
            format!("{}/{path}", self.base_url)
        }
    }
}

impl Drop for KoloServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for the `kolo` binary: a shell script.
    fn fake_kolo(dir: &Path, script: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("kolo");
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn waits_for_the_listening_line_and_kills_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        let kolo = fake_kolo(
            dir.path(),
            &format!(
                r#"echo "args: $*"; echo "$$" > '{}'; echo "starting"
echo "kolo: listening on http://127.0.0.1:4321"
while :; do echo noise; sleep 0.01; done"#,
                pid_file.display()
            ),
        );
        let server = KoloServer::start(&kolo, dir.path(), &["--x"], &[("A", "1")]).unwrap();
        assert_eq!(server.base_url, "http://127.0.0.1:4321");
        assert_eq!(server.url("/api"), "http://127.0.0.1:4321/api");
        assert_eq!(server.url("api"), "http://127.0.0.1:4321/api");
        assert_eq!(server.data_dir, dir.path());
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        let proc_dir = PathBuf::from(format!("/proc/{}", pid.trim()));
        std::thread::sleep(Duration::from_millis(200)); // the noise keeps flowing
        assert!(proc_dir.exists());
        drop(server);
        assert!(!proc_dir.exists(), "the server outlived its KoloServer");
    }

    #[test]
    fn reports_what_an_early_exit_printed() {
        let dir = tempfile::tempdir().unwrap();
        let kolo = fake_kolo(
            dir.path(),
            r#"echo "args: $*"; echo "no database" ; exit 3"#,
        );
        let err = KoloServer::start(&kolo, &dir.path().join("data"), &["--demo"], &[])
            .err()
            .expect("start fails")
            .to_string();
        assert!(err.contains("no database"), "{err}");
        assert!(err.contains("exit status: 3"), "{err}");
        let args = format!(
            "args: serve --listen 127.0.0.1:0 --data {}/data --demo",
            dir.path().display()
        );
        assert!(err.contains(&args), "{err}");
    }
}
